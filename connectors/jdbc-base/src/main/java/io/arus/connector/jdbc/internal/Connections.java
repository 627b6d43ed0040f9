package io.arus.connector.jdbc.internal;

import java.sql.Connection;
import java.sql.SQLException;

/** Releasing connections on paths that already report another outcome. */
final class Connections {
    private static final System.Logger LOG = System.getLogger(Connections.class.getName());

    private Connections() {
    }

    /** Closes a connection; a failure to close is logged, never thrown over the caller's own result. */
    static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing a JDBC connection failed: " + e.getMessage());
        }
    }

    /** Rolls back; a failure is attached to the exception being reported. */
    static void rollback(Connection connection, Exception reported) {
        try {
            if (!connection.isClosed() && !connection.getAutoCommit()) {
                connection.rollback();
            }
        } catch (SQLException e) {
            reported.addSuppressed(e);
        }
    }
}
