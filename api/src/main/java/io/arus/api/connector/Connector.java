package io.arus.api.connector;

import io.arus.api.config.Config;
import io.arus.api.config.ConfigException;
import io.arus.api.plugin.TypeDescriptor;
import java.util.Set;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A connector type: the factory for connections to one kind of system (PostgreSQL, MongoDB, ClickHouse...).
 * Register an implementation as an OSGi service with the {@value #TYPE_PROPERTY} property, most simply as a
 * Declarative Services component:
 *
 * <pre>
 * &#64;Component(service = Connector.class)
 * &#64;ConnectorType("mydb")
 * public class MyDbConnector implements Connector { ... }
 * </pre>
 *
 * The server finds it on the service registry (also when its bundle is dropped into {@code plugins-dropin/} while
 * running), lists it in {@code GET /api/connectors}, draws its configuration form from
 * {@link TypeDescriptor#config()} and validates every configuration against that spec before calling
 * {@link #open(Config)}. Implementations must be thread-safe: {@code open} is called concurrently.
 */
@ConsumerType
public interface Connector {
    /** The service property that names the connector type, e.g. {@code postgresql}. */
    String TYPE_PROPERTY = "arus.connector.type";

    /**
     * @return the type key, display name, version, icon and configuration spec; the type must equal the
     *         {@value #TYPE_PROPERTY} service property
     */
    TypeDescriptor descriptor();

    /**
     * @return what this connector can do; the engine only calls the session methods its capabilities allow
     */
    Set<Capability> capabilities();

    /**
     * Opens a connection-scoped session. It should be cheap: connect lazily or in {@link ConnectorSession#check()}
     * rather than failing here on an unreachable host.
     *
     * @param config the validated configuration, defaults applied; secrets in clear text (never log them)
     * @return a session the caller closes
     * @throws ConfigException when the values are valid by type but unusable together (say, a URI and a host)
     */
    ConnectorSession open(Config config) throws ConfigException;
}
