package io.arus.connector.jdbc;

import io.arus.api.config.Config;
import io.arus.api.config.ConfigSpec;
import io.arus.api.connector.Connector;
import io.arus.api.connector.ConnectorSession;
import io.arus.api.connector.StreamContext;
import io.arus.api.connector.StreamId;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;

/**
 * A test server (127.0.0.1, arus/arus, database arus_test) and a namespace of its own per test class, dropped at
 * the end. A missing server fails the tests: nothing here skips. A dialect names its URL, port, connector and the
 * SQL that creates and drops a namespace.
 */
public abstract class DatabaseFixture implements AutoCloseable {
    /** Where every test server listens. */
    public static final String HOST = "127.0.0.1";

    /** The namespace (schema or database) this fixture created. */
    public final String schema = "arus_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    /** A plain JDBC connection for setting up and checking data behind the connector's back. */
    public final Connection admin;

    private final int port;
    private final String dropTemplate;

    /**
     * Connects and creates the namespace.
     *
     * @param url the JDBC URL of the test database
     * @param port the server's port
     * @param createTemplate the statement creating a namespace, {@code %s} standing for its name
     * @param dropTemplate the statement dropping it again
     */
    protected DatabaseFixture(String url, int port, String createTemplate, String dropTemplate) throws SQLException {
        this.port = port;
        this.dropTemplate = dropTemplate;
        admin = DriverManager.getConnection(url, "arus", "arus");
        sql(createTemplate.formatted(schema));
    }

    /** The connector under test. */
    protected abstract Connector connector();

    /** The connector's configuration spec. */
    protected abstract ConfigSpec spec();

    /** Runs statements on the admin connection. */
    public void sql(String... statements) throws SQLException {
        try (Statement statement = admin.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    /** The first column of a query on the admin connection, as strings. */
    public List<String> strings(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement statement = admin.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    /** The stream of a table in this fixture's namespace. */
    public StreamId table(String name) {
        return new StreamId(schema, name);
    }

    /** The qualified SQL name of a table in this fixture's namespace. */
    public String q(String table) {
        return schema + "." + table;
    }

    /** The configuration of the test server, with some values replaced. */
    public Config config(Map<String, Object> overrides) throws Exception {
        Map<String, Object> values = new HashMap<>(Map.of("host", HOST, "port", port, "database", "arus_test",
                "username", "arus", "password", "arus", "ssl_mode", "disable"));
        values.putAll(overrides);
        return spec().resolve(values);
    }

    /** A session on the test server, with some configuration values replaced. */
    public ConnectorSession open(Map<String, Object> overrides) throws Exception {
        return connector().open(config(overrides));
    }

    /** A session on the test server. */
    public ConnectorSession open() throws Exception {
        return open(Map.of());
    }

    /** A context for one stream of a test run that is never stopped and logs to standard out. */
    public static StreamContext context(StreamId stream) {
        return context(stream, (level, message) -> { });
    }

    /** The same, also handing every line it logs to {@code logged}. */
    public static StreamContext context(StreamId stream, BiConsumer<System.Logger.Level, String> logged) {
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
                logged.accept(level, message);
            }
        };
    }

    @Override
    public void close() throws SQLException {
        try {
            sql(dropTemplate.formatted(schema));
        } finally {
            admin.close();
        }
    }
}
