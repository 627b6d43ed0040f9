/**
 * The server's one log backend: {@link io.arus.core.logging.LogSink} writes every line, whichever API logged it
 * (SLF4J through the io.arus.core.logging.slf4j bundle, java.util.logging and the OSGi log service through this
 * bundle), as text or as one JSON object per line.
 */
@Export
@Version("1.0.0")
package io.arus.core.logging;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
