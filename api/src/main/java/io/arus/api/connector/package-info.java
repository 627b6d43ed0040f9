/**
 * The connector SPI. A connector type is an OSGi service implementing {@link io.arus.api.connector.Connector},
 * registered with the {@code arus.connector.type} service property (use {@link io.arus.api.connector.ConnectorType}).
 * <p>
 * Lifecycle: the engine calls {@link io.arus.api.connector.Connector#open} with a validated configuration and gets a
 * connection-scoped {@link io.arus.api.connector.ConnectorSession}. A source session can check the connection, discover
 * streams, cut a stream into {@link io.arus.api.connector.Split}s and open a {@link io.arus.api.connector.StreamReader}
 * per split; a destination session opens a {@link io.arus.api.connector.StreamWriter} per target table. The engine owns
 * all state: it stores the {@link io.arus.api.record.Offset} of a batch only after the writer's
 * {@link io.arus.api.connector.StreamWriter#flush()} returned, and hands it back to the reader on the next run.
 */
@Export
@Version("1.7.0")
package io.arus.api.connector;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
