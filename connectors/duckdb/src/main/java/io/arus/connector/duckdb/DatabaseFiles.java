package io.arus.connector.duckdb;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The database files this bundle has open: one DuckDB instance per file, shared by every session on it and
 * counted. DuckDB lets one process write a file and locks it against others, so the streams a pipeline writes in
 * parallel (and a source and destination on the same file) each take a connection of the one instance rather than
 * opening the file again. The last session to let go closes the instance, which releases the file's lock.
 */
final class DatabaseFiles {
    private final Map<Path, DatabaseFile> open = new HashMap<>();
    private boolean closed;

    /**
     * @param file an absolute, normalized database file path
     * @return the file's shared instance, its count raised by one; give it back with {@link #release}
     * @throws SQLException when the bundle is stopping
     */
    synchronized DatabaseFile acquire(Path file) throws SQLException {
        if (closed) {
            throw new SQLException("the DuckDB connector is stopping", "08003");
        }
        DatabaseFile database = open.computeIfAbsent(file, DatabaseFile::new);
        database.users++;
        return database;
    }

    /** Lowers a file's count; at zero its instance closes and the file is free for other processes. */
    synchronized void release(DatabaseFile database) {
        if (--database.users == 0) {
            open.remove(database.file());
            database.close();
        }
    }

    /** @return the files open now (for tests and logs) */
    synchronized List<Path> openFiles() {
        return List.copyOf(open.keySet());
    }

    /** Closes every instance: the bundle stops, sessions still running fail on their next statement. */
    synchronized void closeAll() {
        closed = true;
        for (DatabaseFile database : open.values()) {
            database.close();
        }
        open.clear();
    }
}
