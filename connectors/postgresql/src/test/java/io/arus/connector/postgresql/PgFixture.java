package io.arus.connector.postgresql;

import io.arus.api.config.ConfigSpec;
import io.arus.api.connector.Connector;
import io.arus.connector.jdbc.DatabaseFixture;
import java.sql.SQLException;

/** The test PostgreSQL (127.0.0.1:5432, arus/arus, arus_test) and a schema of its own per test class. */
final class PgFixture extends DatabaseFixture {
    static final int PORT = 5432;

    PgFixture() throws SQLException {
        super("jdbc:postgresql://" + HOST + ":" + PORT + "/arus_test", PORT, "CREATE SCHEMA %s",
                "DROP SCHEMA IF EXISTS %s CASCADE");
    }

    @Override
    protected Connector connector() {
        return new PostgresConnector();
    }

    @Override
    protected ConfigSpec spec() {
        return PostgresConnector.SPEC;
    }
}
