package io.arus.core.store.internal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A database of its own for a test class: an H2 file in a temporary directory, or a fresh schema in the test
 * PostgreSQL ({@code scripts/test-services.sh} provides it). PostgreSQL being down fails the test, never skips it.
 */
final class TestDatabase implements AutoCloseable {
    static final String PG_SERVER = "jdbc:postgresql://127.0.0.1:5432/arus_meta_test";
    static final String PG_USER = "arus";
    static final String PG_PASSWORD = "arus";

    /** Every table of the schema, children before parents so deleting in this order respects the foreign keys. */
    static final List<String> TABLES = List.of(
            "pipeline_notifications", "notification_targets", "dead_letters", "stream_offsets", "stream_schemas",
            "run_logs", "run_streams", "run_models", "runs", "pipeline_dependencies", "pipelines", "sources",
            "destinations", "api_tokens", "refresh_tokens", "users", "settings", "audit_log");

    private final DatabaseLocation location;
    private final String schema;

    private TestDatabase(DatabaseLocation location, String schema) {
        this.location = location;
        this.schema = schema;
    }

    static TestDatabase create(Dialect dialect, Path h2Directory) {
        if (dialect == Dialect.H2) {
            return new TestDatabase(DatabaseLocation.h2(h2Directory), null);
        }
        String schema = "arus_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection connection = pgServer().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL test database unreachable at " + PG_SERVER
                    + " (run scripts/test-services.sh): " + e.getMessage(), e);
        }
        return new TestDatabase(new DatabaseLocation(Dialect.POSTGRESQL, PG_SERVER + "?currentSchema=" + schema,
                PG_USER, PG_PASSWORD), schema);
    }

    DatabaseLocation location() {
        return location;
    }

    /** @return the store opened on this database (migrated), as the component would open it */
    MetadataPersistence open() {
        return new MetadataPersistence(location, MetadataPersistence.class.getClassLoader());
    }

    /** @return a plain JDBC data source on this database, beside the store's pool */
    DataSource dataSource() {
        if (location.dialect() == Dialect.H2) {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL(location.url());
            h2.setUser(location.user());
            h2.setPassword(location.password());
            return h2;
        }
        PGSimpleDataSource pg = new PGSimpleDataSource();
        pg.setURL(location.url());
        pg.setUser(PG_USER);
        pg.setPassword(PG_PASSWORD);
        return pg;
    }

    /** Runs one statement with positional parameters. */
    int execute(String sql, Object... parameters) {
        try (Connection connection = dataSource().getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** @return the first column of the first row, as a long */
    long queryLong(String sql, Object... parameters) {
        try (Connection connection = dataSource().getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** Empties every table but the version table, so each test starts from no data. */
    void clear() {
        for (String table : TABLES) {
            execute("DELETE FROM " + table);
        }
    }

    /** Drops the PostgreSQL schema; the H2 file goes with its temporary directory. */
    @Override
    public void close() {
        if (schema != null) {
            try (Connection connection = pgServer().getConnection();
                 Statement statement = connection.createStatement()) {
                statement.execute("DROP SCHEMA " + schema + " CASCADE");
            } catch (SQLException e) {
                throw new IllegalStateException("cannot drop test schema " + schema + ": " + e.getMessage(), e);
            }
        }
    }

    private static DataSource pgServer() {
        PGSimpleDataSource pg = new PGSimpleDataSource();
        pg.setURL(PG_SERVER);
        pg.setUser(PG_USER);
        pg.setPassword(PG_PASSWORD);
        return pg;
    }
}
