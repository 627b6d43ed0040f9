package io.arus.connector.postgresql;

import io.arus.api.config.Config;
import io.arus.api.config.ConfigException;
import io.arus.api.config.ConfigSpec;
import io.arus.api.connector.Capability;
import io.arus.api.connector.Connector;
import io.arus.api.connector.ConnectorSession;
import io.arus.api.connector.ConnectorType;
import io.arus.api.plugin.TypeDescriptor;
import io.arus.connector.jdbc.ConnectionSettings;
import java.util.EnumSet;
import java.util.Set;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.component.annotations.Component;

/**
 * PostgreSQL as a source (full refresh and incremental by keyset, change capture from a logical replication slot)
 * and a destination (binary COPY, upsert).
 */
@Component(service = Connector.class)
@ConnectorType(PostgresConnector.TYPE)
public final class PostgresConnector implements Connector {
    static final String TYPE = "postgresql";
    static final int DEFAULT_PORT = 5432;

    static final ConfigSpec SPEC = ConnectionSettings.spec(DEFAULT_PORT,
            new String[] {"disable", "prefer", "require", "verify-full"}, "prefer",
            "prefer: TLS when the server offers it; require: TLS without certificate check; verify-full: TLS with "
                    + "the server certificate and host name checked.");

    private static final PostgresDialect DIALECT = new PostgresDialect();

    private final TypeDescriptor descriptor = new TypeDescriptor(TYPE, "PostgreSQL", bundleVersion(),
            "Reads PostgreSQL tables fully or incrementally and writes into PostgreSQL with binary COPY.", "database",
            SPEC);

    @Override
    public TypeDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.SOURCE, Capability.DESTINATION, Capability.INCREMENTAL, Capability.UPSERT, Capability.SQL_MODELS,
                Capability.CDC);
    }

    @Override
    public ConnectorSession open(Config config) throws ConfigException {
        return new PostgresSession(DIALECT, ConnectionSettings.from(config, DEFAULT_PORT));
    }

    private static String bundleVersion() {
        var bundle = FrameworkUtil.getBundle(PostgresConnector.class);
        return bundle == null ? "0.0.0" : bundle.getVersion().toString();
    }
}
