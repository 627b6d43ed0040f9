/**
 * Record batches, the unit of data that flows from a source reader through transforms into a destination
 * writer, and the {@link io.arus.api.record.Offset} that says where the batch ends.
 */
@Export
@Version("1.3.0")
package io.arus.api.record;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
