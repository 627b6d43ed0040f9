package io.arus.connector.mysql;

import io.arus.api.connector.ConnectorException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** The server's binlog as it is now: where it ends, and how many bytes lie after a position. */
final class BinlogStatus {
    private BinlogStatus() {
    }

    /**
     * @param connection a connection to the server
     * @param mariaDb    whether it is MariaDB (GTIDs from {@code @@gtid_binlog_pos}), else MySQL
     *                   ({@code @@gtid_executed} when {@code gtid_mode} is on)
     * @return the end of the binlog, with the GTID state there when the server has GTIDs
     */
    static BinlogPosition current(Connection connection, boolean mariaDb) throws SQLException, ConnectorException {
        String file;
        long pos;
        try (Statement statement = connection.createStatement()) {
            try (ResultSet status = masterStatus(statement)) {
                if (!status.next()) {
                    throw new ConnectorException(ConnectorException.Kind.CONFIGURATION,
                            "the server has no binlog (SHOW MASTER STATUS is empty): set log_bin and a server_id");
                }
                file = status.getString(1);
                pos = status.getLong(2);
            }
            String gtid = null;
            if (mariaDb) {
                try (ResultSet value = statement.executeQuery("SELECT @@gtid_binlog_pos")) {
                    gtid = value.next() ? value.getString(1) : null;
                }
            } else {
                try (ResultSet value = statement.executeQuery(
                        "SELECT IF(@@gtid_mode = 'ON', @@gtid_executed, NULL)")) {
                    gtid = value.next() ? value.getString(1) : null;
                }
            }
            return new BinlogPosition(file, pos, gtid == null || gtid.isBlank() ? null : gtid.replace("\n", ""));
        }
    }

    private static ResultSet masterStatus(Statement statement) throws SQLException {
        try {
            return statement.executeQuery("SHOW MASTER STATUS");
        } catch (SQLException e) {
            // MySQL 8.4 renamed it
            return statement.executeQuery("SHOW BINARY LOG STATUS");
        }
    }

    /**
     * @param connection a connection to the server
     * @param position   a position in its binlog
     * @return the binlog bytes written after it ({@code SHOW BINARY LOGS})
     */
    static long bytesAfter(Connection connection, BinlogPosition position) throws SQLException {
        long behind = 0;
        long index = position.fileIndex();
        try (Statement statement = connection.createStatement();
             ResultSet logs = statement.executeQuery("SHOW BINARY LOGS")) {
            while (logs.next()) {
                long file = BinlogPosition.fileIndex(logs.getString(1));
                long size = logs.getLong(2);
                if (file == index) {
                    behind += Math.max(0, size - position.pos());
                } else if (file > index) {
                    behind += size;
                }
            }
        }
        return behind;
    }
}
