package io.arus.connector.mysql;

import io.arus.api.connector.BatchLimit;
import io.arus.api.connector.ConnectorException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The initial read of a captured table under a consistent snapshot whose binlog position is known, so that the
 * changes streamed from that position are exactly those the snapshot does not hold.
 * <p>
 * MariaDB gives the position of a {@code START TRANSACTION WITH CONSISTENT SNAPSHOT} without any lock
 * ({@code binlog_snapshot_file}/{@code binlog_snapshot_position}) and the GTID state there
 * ({@code BINLOG_GTID_POS}). MySQL has neither: there the position is read under a global read lock held only while
 * the snapshot starts (as mysqldump --single-transaction --master-data does; it needs the RELOAD privilege).
 */
final class ConsistentSnapshot implements AutoCloseable {
    private final Connection connection;
    private final BinlogPosition position;
    private CaptureTable table;
    private Statement statement;
    private ResultSet rows;

    private ConsistentSnapshot(Connection connection, BinlogPosition position) {
        this.connection = connection;
        this.position = position;
    }

    /**
     * Starts the snapshot transaction and notes its position. The connection serves only the snapshot until
     * {@link #next} returned every row.
     */
    static ConsistentSnapshot start(Connection connection, boolean mariaDb)
            throws SQLException, ConnectorException {
        BinlogPosition position;
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ");
            if (mariaDb) {
                statement.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY");
                position = mariaDbSnapshotPosition(connection);
            } else {
                statement.execute("FLUSH TABLES WITH READ LOCK");
                try {
                    statement.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY");
                    position = BinlogStatus.current(connection, false);
                } finally {
                    statement.execute("UNLOCK TABLES");
                }
            }
        }
        return new ConsistentSnapshot(connection, position);
    }

    private static BinlogPosition mariaDbSnapshotPosition(Connection connection) throws SQLException,
            ConnectorException {
        String file = null;
        long pos = -1;
        try (Statement statement = connection.createStatement();
             ResultSet status = statement.executeQuery("SHOW STATUS LIKE 'binlog_snapshot_%'")) {
            while (status.next()) {
                if (status.getString(1).equalsIgnoreCase("Binlog_snapshot_file")) {
                    file = status.getString(2);
                } else if (status.getString(1).equalsIgnoreCase("Binlog_snapshot_position")) {
                    pos = Long.parseLong(status.getString(2));
                }
            }
        }
        if (file == null || file.isEmpty() || pos < 0) {
            throw new ConnectorException(ConnectorException.Kind.CONFIGURATION, "the server reports no binlog"
                    + " position for a consistent snapshot (binlog_snapshot_file): is log_bin on?");
        }
        String gtid;
        try (PreparedStatement statement = connection.prepareStatement("SELECT BINLOG_GTID_POS(?, ?)")) {
            statement.setString(1, file);
            statement.setLong(2, pos);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                gtid = result.getString(1);
            }
        }
        return new BinlogPosition(file, pos, gtid == null || gtid.isEmpty() ? null : gtid);
    }

    /** Starts reading the table in primary-key order, in the snapshot. */
    void read(MySqlDialect dialect, CaptureTable table) throws SQLException {
        this.table = table;
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < table.columns().size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(dialect.quote(table.columns().get(i).name()));
        }
        sql.append(" FROM ").append(dialect.qualify(table.id().namespace(), table.id().name())).append(" ORDER BY ");
        for (int i = 0; i < table.primaryKey().length; i++) {
            sql.append(i == 0 ? "" : ", ").append(dialect.quote(table.columns().get(table.primaryKey()[i]).name()));
        }
        statement = connection.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
        // one query streamed in primary-key order: the snapshot transaction keeps every page consistent anyway
        dialect.streamResults(statement, 10_000);
        rows = statement.executeQuery(sql.toString());
    }

    /** @return where the changes after this snapshot start */
    BinlogPosition position() {
        return position;
    }

    /**
     * @param limit where the batch ends (rows and memory)
     * @return the next rows as the full-refresh reader reads them (table columns only), or an empty list at the end
     */
    List<Object[]> next(BatchLimit limit) throws SQLException {
        List<Object[]> batch = new ArrayList<>();
        if (rows == null) {
            return batch;
        }
        int width = table.columns().size();
        limit.reset();
        boolean more = true;
        while (!limit.full(batch.size()) && (more = rows.next())) {
            Object[] row = new Object[width];
            for (int i = 0; i < width; i++) {
                row[i] = table.columns().get(i).mapping().reader().read(rows, i + 1);
            }
            batch.add(row);
            limit.add(row);
        }
        if (!more) {
            finish();
        }
        return batch;
    }

    private void finish() throws SQLException {
        rows.close();
        rows = null;
        statement.close();
        try (Statement commit = connection.createStatement()) {
            commit.execute("COMMIT");
        }
    }

    /** @return whether rows are left to read */
    boolean reading() {
        return rows != null;
    }

    /**
     * Abandons an unfinished snapshot: the connection is aborted rather than closed, because closing a streaming
     * result set would first read the rest of the table.
     */
    @Override
    public void close() {
        if (rows != null) {
            rows = null;
            try {
                connection.abort(Runnable::run);
            } catch (SQLException e) {
                // aborting is the last thing done with this connection
            }
        }
    }
}
