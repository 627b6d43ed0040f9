package io.arus.connector.mysql;

import io.arus.api.config.Config;
import io.arus.api.config.ConfigException;
import io.arus.api.connector.Capability;
import io.arus.api.connector.Connector;
import io.arus.api.connector.ConnectorSession;
import io.arus.api.connector.ConnectorType;
import io.arus.api.plugin.TypeDescriptor;
import io.arus.connector.jdbc.ConnectionSettings;
import io.arus.connector.jdbc.JdbcSession;
import java.util.Set;
import org.osgi.service.component.annotations.Component;

/** MariaDB as a source (full refresh and incremental by keyset) and a destination (multi-row INSERT, upsert). */
@Component(service = Connector.class)
@ConnectorType(MariaDbConnector.TYPE)
public final class MariaDbConnector implements Connector {
    static final String TYPE = "mariadb";

    private final TypeDescriptor descriptor = new TypeDescriptor(TYPE, "MariaDB", MySqlFamily.bundleVersion(),
            "Reads MariaDB tables fully or incrementally and writes into MariaDB with multi-row inserts.", "database",
            MySqlFamily.SPEC);

    @Override
    public TypeDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public Set<Capability> capabilities() {
        return MySqlFamily.CAPABILITIES;
    }

    @Override
    public ConnectorSession open(Config config) throws ConfigException {
        return new JdbcSession(MySqlFamily.DIALECT, ConnectionSettings.from(config, MySqlFamily.DEFAULT_PORT));
    }
}
