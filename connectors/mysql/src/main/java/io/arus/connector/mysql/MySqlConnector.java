package io.arus.connector.mysql;

import io.arus.api.connector.Connector;
import io.arus.api.connector.ConnectorType;
import org.osgi.service.component.annotations.Component;

/** MySQL as a source (full refresh and incremental by keyset) and a destination (multi-row INSERT, upsert). */
@Component(service = Connector.class)
@ConnectorType(MySqlConnector.TYPE)
public final class MySqlConnector extends MySqlFamily {
    static final String TYPE = "mysql";

    /** A MySQL connector; the component runtime makes it. */
    public MySqlConnector() {
        super(TYPE, "MySQL");
    }
}
