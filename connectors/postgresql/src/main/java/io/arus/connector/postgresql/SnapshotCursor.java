package io.arus.connector.postgresql;

import io.arus.api.connector.BatchLimit;
import io.arus.api.record.Changes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the initial snapshot of a change-capture stream in primary-key order, in one REPEATABLE READ transaction
 * whose snapshot is the one the replication slot exported (so it holds exactly the transactions committed before the
 * slot's consistent point), or a fresh one when resuming after the exported snapshot is gone. Rows stream from a
 * server-side cursor (a fetch size), never the whole table at once. Values are read with the same column readers as
 * the full-refresh reader, and the key is read once more as text, which is what offsets keep.
 */
final class SnapshotCursor implements AutoCloseable {
    private final Connection connection;
    private final int width;
    private final List<CaptureTable.Column> selected;
    private final int keyCount;
    private final PreparedStatement statement;
    private ResultSet rows;
    private List<String> lastKey;
    private boolean done;

    /**
     * Begins the transaction and imports the snapshot; the query itself runs at the first {@link #next}.
     *
     * @param snapshotName the exported snapshot to import, or null for a fresh one
     * @param after        the key (as text) after which to start, or null for the beginning
     */
    SnapshotCursor(Connection connection, PostgresDialect dialect, CaptureTable table, List<CaptureTable.Column> selected,
                   String snapshotName, List<String> after, int fetchSize) throws SQLException {
        this.connection = connection;
        this.selected = selected;
        this.width = selected.size();
        this.lastKey = after;
        List<String> key = table.primaryKey();
        this.keyCount = key.size();
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        connection.setReadOnly(true);
        connection.setAutoCommit(false);
        if (snapshotName != null) {
            try (Statement set = connection.createStatement()) {
                // must be the transaction's first statement; the driver sends BEGIN before it
                set.execute("SET TRANSACTION SNAPSHOT '" + snapshotName.replace("'", "''") + "'");
            }
        }
        StringBuilder sql = new StringBuilder("SELECT ");
        for (CaptureTable.Column column : selected) {
            sql.append(dialect.quote(column.name())).append(", ");
        }
        StringBuilder order = new StringBuilder();
        StringBuilder bound = new StringBuilder();
        for (int i = 0; i < keyCount; i++) {
            CaptureTable.Column column = table.column(key.get(i)).orElseThrow();
            String quoted = dialect.quote(column.name());
            sql.append(i == 0 ? "" : ", ").append(quoted).append("::text AS arus_key_").append(i);
            order.append(i == 0 ? "" : ", ").append(quoted);
            bound.append(i == 0 ? "" : ", ").append("CAST(CAST(? AS text) AS ").append(column.type().text()).append(')');
        }
        sql.append(" FROM ").append(table.qualified());
        if (after != null) {
            sql.append(" WHERE (").append(order).append(") > (").append(bound).append(')');
        }
        sql.append(" ORDER BY ").append(order);
        statement = connection.prepareStatement(sql.toString());
        statement.setFetchSize(fetchSize);
        if (after != null) {
            for (int i = 0; i < keyCount; i++) {
                statement.setString(i + 1, after.get(i));
            }
        }
    }

    /** Runs the query inside the imported snapshot, so that the exporting connection may move on. */
    void start() throws SQLException {
        if (rows == null) {
            rows = statement.executeQuery();
        }
    }

    /** @param limit where the batch ends (rows and memory) @return the next snapshot change rows; empty at the end */
    List<Object[]> next(BatchLimit limit) throws SQLException {
        start();
        List<Object[]> batch = new ArrayList<>();
        limit.reset();
        while (!done && !limit.full(batch.size())) {
            if (!rows.next()) {
                done = true;
                break;
            }
            Object[] row = new Object[width + 3];
            for (int i = 0; i < width; i++) {
                row[i] = selected.get(i).mapping().reader().read(rows, i + 1);
            }
            row[width] = Changes.SNAPSHOT;
            row[width + 1] = 0L;
            row[width + 2] = null;
            List<String> key = new ArrayList<>(keyCount);
            for (int i = 0; i < keyCount; i++) {
                key.add(rows.getString(width + 1 + i));
            }
            lastKey = key;
            batch.add(row);
            limit.add(row);
        }
        return batch;
    }

    /** @return the key of the last row read, as text, or the starting key */
    List<String> lastKey() {
        return lastKey;
    }

    @Override
    public void close() {
        try {
            if (!connection.isClosed()) {
                connection.rollback();
            }
        } catch (SQLException e) {
            // the transaction only read; closing the connection ends it either way
        }
    }
}
