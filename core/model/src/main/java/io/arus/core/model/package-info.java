/**
 * The typed model of what users configure: pipelines with their streams, sources, destinations and notification
 * targets. Immutable records bound by Jackson (snake_case names, as the API and YAML write them), parsed and
 * validated once; a violation names its field path ({@code streams[2].cursor_field}).
 */
@Export
@Version("1.4.0")
package io.arus.core.model;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
