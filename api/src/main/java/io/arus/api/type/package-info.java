/**
 * Logical types: the database-neutral column types every connector maps its native types to and from,
 * and the {@link io.arus.api.type.Schema} of a stream made of {@link io.arus.api.type.Field}s.
 */
@Export
@Version("1.1.0")
package io.arus.api.type;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
