package io.arus.connector.mysql;

import io.arus.api.config.Config;
import io.arus.api.config.ConfigException;
import io.arus.api.config.ConfigSpec;
import io.arus.api.connector.Capability;
import io.arus.api.connector.Connector;
import io.arus.api.connector.ConnectorSession;
import io.arus.api.plugin.TypeDescriptor;
import io.arus.connector.jdbc.ConnectionSettings;
import io.arus.connector.jdbc.JdbcSession;
import java.util.EnumSet;
import java.util.Set;
import org.osgi.framework.FrameworkUtil;

/**
 * What the mysql and mariadb connector types share: one dialect, one configuration, the same capabilities (change
 * capture from the binlog included) and the same sessions. A subclass is a component of its own type and names only its product.
 */
abstract class MySqlFamily implements Connector {
    static final int DEFAULT_PORT = 3306;
    static final MySqlDialect DIALECT = new MySqlDialect();
    static final Set<Capability> CAPABILITIES = Set.copyOf(EnumSet.of(Capability.SOURCE, Capability.DESTINATION,
            Capability.INCREMENTAL, Capability.UPSERT, Capability.SQL_MODELS, Capability.CDC));
    static final ConfigSpec SPEC = ConnectionSettings.spec(DEFAULT_PORT,
            new String[] {"disable", "require", "verify-ca", "verify-full"}, "disable",
            "require: TLS without certificate check; verify-ca: TLS with the server certificate checked; "
                    + "verify-full: also the host name. The driver has no opportunistic TLS, so there is no 'prefer'.");

    private final TypeDescriptor descriptor;

    MySqlFamily(String type, String product) {
        descriptor = new TypeDescriptor(type, product, bundleVersion(), "Reads " + product
                + " tables fully or incrementally and writes into " + product + " with multi-row inserts.", "database",
                SPEC);
    }

    @Override
    public TypeDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public Set<Capability> capabilities() {
        return CAPABILITIES;
    }

    @Override
    public ConnectorSession open(Config config) throws ConfigException {
        ConnectionSettings settings = ConnectionSettings.from(config, DEFAULT_PORT);
        return new MySqlSession(new JdbcSession(DIALECT, settings), DIALECT, settings);
    }

    static String bundleVersion() {
        var bundle = FrameworkUtil.getBundle(MySqlFamily.class);
        return bundle == null ? "0.0.0" : bundle.getVersion().toString();
    }
}
