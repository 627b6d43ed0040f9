/**
 * The transform SPI: a {@link io.arus.api.transform.Transform} service (property {@code arus.transform.type})
 * opens a {@link io.arus.api.transform.TransformStep} that maps each record batch to a new batch plus the rows it rejects.
 */
@Export
@Version("2.1.0")
package io.arus.api.transform;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
