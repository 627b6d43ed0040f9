package io.arus.core.store.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the metadata schema to the newest version by applying the pending scripts in order, each with its row in
 * {@code arus_schema_version} in one transaction. On PostgreSQL every transaction first takes an advisory lock, so
 * nodes starting together apply each script once; the others wait and then find it applied.
 *
 * <p>PostgreSQL runs DDL inside the transaction, so a failing script leaves nothing behind. H2 commits implicitly at
 * every DDL statement: a script that fails halfway on H2 leaves its first tables (without a version row), and the
 * next start fails on them until the file is restored; H2 serves single nodes, where a failed upgrade means
 * restoring {@code metadata.mv.db} from its backup anyway.
 */
final class Migrator {
    /** Every migration, in order. A new script is added here and in both dialect folders. */
    static final List<Migration> MIGRATIONS = List.of(new Migration(1, "metadata"),
            new Migration(2, "run_stream_checks"), new Migration(3, "scheduler"),
            new Migration(4, "token_version"), new Migration(5, "run_results"),
            new Migration(6, "user_identity"), new Migration(7, "transform_chain"),
            new Migration(8, "run_models"), new Migration(9, "stream_schemas"),
            new Migration(10, "change_lag"), new Migration(11, "run_leases"), new Migration(12, "pending_runs"),
            new Migration(13, "cluster_nodes"), new Migration(14, "notification_deliveries"));

    static final String VERSION_TABLE = "arus_schema_version";

    private static final Logger LOG = LoggerFactory.getLogger(Migrator.class);
    // any constant works; the same one on every node: "arusmeta" in ASCII
    private static final long LOCK_KEY = 0x617275736d657461L;

    private final DataSource dataSource;
    private final Dialect dialect;
    private final ClassLoader loader;
    private final List<Migration> migrations;

    Migrator(DataSource dataSource, Dialect dialect, ClassLoader loader) {
        this(dataSource, dialect, loader, MIGRATIONS);
    }

    /** @param migrations the first few of {@link #MIGRATIONS}: tests build the database an older server left */
    Migrator(DataSource dataSource, Dialect dialect, ClassLoader loader, List<Migration> migrations) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.loader = loader;
        this.migrations = migrations;
    }

    /**
     * @return how many scripts this call applied (0 when the schema was current)
     * @throws SQLException when a script fails; its transaction is rolled back
     */
    int migrate() throws SQLException {
        int applied = 0;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                inTransaction(connection, () -> createVersionTable(connection));
                for (Migration migration : migrations) {
                    if (inTransaction(connection, () -> applyIfPending(connection, migration))) {
                        applied++;
                    }
                }
                int current = currentVersion(connection);
                connection.commit();
                int newest = migrations.get(migrations.size() - 1).version();
                if (current > newest) {
                    LOG.warn("metadata schema is at version {}, newer than this server knows ({})", current, newest);
                }
            } finally {
                connection.setAutoCommit(true);
            }
        }
        return applied;
    }

    /** @return the highest applied version, 0 when none */
    static int currentVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT MAX(version) FROM " + VERSION_TABLE)) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private boolean createVersionTable(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            return statement.execute("CREATE TABLE IF NOT EXISTS " + VERSION_TABLE + " (version INT PRIMARY KEY,"
                    + " description VARCHAR(200) NOT NULL, applied_at TIMESTAMP WITH TIME ZONE NOT NULL)");
        }
    }

    private boolean applyIfPending(Connection connection, Migration migration) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT COUNT(*) FROM " + VERSION_TABLE + " WHERE version = ?")) {
            query.setInt(1, migration.version());
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                if (rows.getInt(1) > 0) {
                    return false;
                }
            }
        }
        String path = migration.scriptPath(dialect);
        try (Statement statement = connection.createStatement()) {
            for (String sql : SqlScript.statements(read(path))) {
                statement.execute(sql);
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO " + VERSION_TABLE + " (version, description, applied_at) VALUES (?, ?, CURRENT_TIMESTAMP)")) {
            insert.setInt(1, migration.version());
            insert.setString(2, migration.description());
            insert.executeUpdate();
        }
        LOG.info("metadata schema migrated to version {} ({})", migration.version(), migration.description());
        return true;
    }

    private boolean inTransaction(Connection connection, SqlWork work) throws SQLException {
        try {
            if (dialect == Dialect.POSTGRESQL) {
                try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                    lock.setLong(1, LOCK_KEY);
                    lock.execute();
                }
            }
            boolean result = work.run();
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        }
    }

    private String read(String path) {
        try (InputStream in = loader.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("migration script " + path + " is missing from the bundle");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read migration script " + path, e);
        }
    }

    @FunctionalInterface
    private interface SqlWork {
        boolean run() throws SQLException;
    }
}
