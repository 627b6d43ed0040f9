package io.arus.connector.duckdb;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBDriver;

/**
 * One DuckDB database file opened in this process: a root connection, opened on first use, whose duplicates are the
 * connections of readers and writers (cheap, and all on the same instance). Closed by {@link DatabaseFiles}.
 */
final class DatabaseFile {
    /** How every instance is opened: results stream instead of being materialized before the first row. */
    static Properties options() {
        Properties options = new Properties();
        options.setProperty(DuckDBDriver.JDBC_STREAM_RESULTS, "true");
        return options;
    }

    private final Path file;
    private DuckDBConnection root;
    int users;

    DatabaseFile(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    /**
     * @return a new connection on the file's instance, opening the file (and its folder) on first use
     * @throws SQLException when the file cannot be opened: locked by another process, not a DuckDB file, no access
     */
    synchronized Connection connect() throws SQLException {
        if (root == null || root.isClosed()) {
            try {
                Files.createDirectories(file.getParent());
            } catch (java.io.IOException e) {
                throw new SQLException("cannot create the folder of " + file + ": " + e.getMessage(), "58030", e);
            }
            root = (DuckDBConnection) new DuckDBDriver().connect("jdbc:duckdb:" + file, options());
        }
        return root.duplicate();
    }

    /**
     * Creates a schema when missing, one caller at a time: DuckDB refuses the second of two transactions that create
     * the same schema at once ("Catalog write-write conflict"), which is what the parallel writers of a run's first
     * streams into a new namespace would do.
     *
     * @param schema the schema
     * @throws SQLException when it cannot be created
     */
    synchronized void createSchema(String schema) throws SQLException {
        try (Connection connection = connect(); java.sql.Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA IF NOT EXISTS \"" + schema.replace("\"", "\"\"") + "\"");
        }
    }

    synchronized void close() {
        if (root == null) {
            return;
        }
        try {
            root.close();
        } catch (SQLException e) {
            System.getLogger(DatabaseFile.class.getName()).log(System.Logger.Level.WARNING,
                    "closing DuckDB file " + file + " failed: " + e.getMessage());
        }
        root = null;
    }
}
