package io.arus.connector.postgresql;

import io.arus.api.config.Config;
import io.arus.api.connector.ConnectorSession;
import io.arus.api.connector.StreamContext;
import io.arus.api.connector.StreamId;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The test PostgreSQL (127.0.0.1:5432, arus/arus, arus_test) and a schema of its own per test class, dropped at
 * the end. A missing server fails the tests: nothing here skips.
 */
final class PgFixture implements AutoCloseable {
    static final String HOST = "127.0.0.1";
    static final int PORT = 5432;
    static final String URL = "jdbc:postgresql://" + HOST + ":" + PORT + "/arus_test";

    final String schema = "arus_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    final Connection admin;

    PgFixture() throws SQLException {
        admin = DriverManager.getConnection(URL, "arus", "arus");
        sql("CREATE SCHEMA " + schema);
    }

    void sql(String... statements) throws SQLException {
        try (Statement statement = admin.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    StreamId table(String name) {
        return new StreamId(schema, name);
    }

    String q(String table) {
        return schema + "." + table;
    }

    static Config config(Map<String, Object> overrides) throws Exception {
        Map<String, Object> values = new HashMap<>(Map.of("host", HOST, "port", PORT, "database", "arus_test",
                "username", "arus", "password", "arus", "ssl_mode", "disable"));
        values.putAll(overrides);
        return PostgresConnector.SPEC.resolve(values);
    }

    static ConnectorSession open() throws Exception {
        return new PostgresConnector().open(config(Map.of()));
    }

    static StreamContext context(StreamId stream) {
        return new StreamContext() {
            @Override
            public String runId() {
                return "test-run";
            }

            @Override
            public StreamId stream() {
                return stream;
            }

            @Override
            public boolean isStopped() {
                return false;
            }

            @Override
            public void log(System.Logger.Level level, String message) {
                System.out.println("[" + level + "] " + message);
            }
        };
    }

    @Override
    public void close() throws SQLException {
        try {
            sql("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } finally {
            admin.close();
        }
    }
}
