package io.arus.connector.mysql;

import io.arus.api.connector.Connector;
import io.arus.api.connector.ConnectorType;
import org.osgi.service.component.annotations.Component;

/** MariaDB as a source (full refresh and incremental by keyset) and a destination (multi-row INSERT, upsert). */
@Component(service = Connector.class)
@ConnectorType(MariaDbConnector.TYPE)
public final class MariaDbConnector extends MySqlFamily {
    static final String TYPE = "mariadb";

    /** A MariaDB connector; the component runtime makes it. */
    public MariaDbConnector() {
        super(TYPE, "MariaDB");
    }
}
