package io.arus.core.scheduler.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A database with the Quartz tables exactly as the metadata store's migration V3 creates them (the script is read
 * from the store's jar): an H2 file with the store's options, or a fresh schema in the test PostgreSQL
 * ({@code scripts/test-services.sh}); PostgreSQL being down fails the test.
 */
final class JobStoreDatabase implements AutoCloseable {
    static final String PG_SERVER = "jdbc:postgresql://127.0.0.1:5432/arus_meta_test";
    // as core/store's DatabaseLocation opens the embedded database
    private static final String H2_OPTIONS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
            + ";NON_KEYWORDS=KEY,VALUE;TIME ZONE=UTC;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";

    final String dialect;
    final DataSource dataSource;
    private final String schema;
    /** Held open as the store's pool holds an idle connection: H2 closes a file database with its last connection. */
    private final Connection keepOpen;

    private JobStoreDatabase(String dialect, DataSource dataSource, String schema) throws SQLException {
        this.dialect = dialect;
        this.dataSource = dataSource;
        this.schema = schema;
        this.keepOpen = schema == null ? dataSource.getConnection() : null;
    }

    static JobStoreDatabase create(String dialect, Path h2Directory) throws SQLException, IOException {
        JobStoreDatabase database;
        if ("h2".equals(dialect)) {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL("jdbc:h2:file:" + h2Directory.resolve("metadata") + H2_OPTIONS);
            h2.setUser("sa");
            h2.setPassword("");
            database = new JobStoreDatabase(dialect, h2, null);
        } else {
            String schema = "arus_q_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            try (Connection connection = pg(PG_SERVER).getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("CREATE SCHEMA " + schema);
            } catch (SQLException e) {
                throw new IllegalStateException("PostgreSQL test database unreachable at " + PG_SERVER
                        + " (run scripts/test-services.sh): " + e.getMessage(), e);
            }
            database = new JobStoreDatabase(dialect, pg(PG_SERVER + "?currentSchema=" + schema), schema);
        }
        database.migrate();
        return database;
    }

    private void migrate() throws SQLException, IOException {
        String path = "db/migration/" + dialect + "/V3__scheduler.sql";
        String script;
        try (InputStream in = JobStoreDatabase.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is not on the test class path (core/store's jar)");
            }
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            // the store's rule (SqlScript): a statement ends with a semicolon at a line end; -- lines are comments
            StringBuilder current = new StringBuilder();
            for (String line : script.split("\\R")) {
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                    continue;
                }
                current.append(trimmed).append('\n');
                if (trimmed.endsWith(";")) {
                    statement.execute(current.substring(0, current.lastIndexOf(";")));
                    current.setLength(0);
                }
            }
        }
    }

    long queryLong(String sql, Object... parameters) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getLong(1) : -1;
            }
        }
    }

    void execute(String sql, Object... parameters) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        }
    }

    @Override
    public void close() throws SQLException {
        if (keepOpen != null) {
            keepOpen.close();
        }
        if (schema != null) {
            try (Connection connection = pg(PG_SERVER).getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    private static DataSource pg(String url) {
        PGSimpleDataSource pg = new PGSimpleDataSource();
        pg.setURL(url);
        pg.setUser("arus");
        pg.setPassword("arus");
        return pg;
    }
}
