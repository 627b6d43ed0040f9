package io.arus.connector.postgresql;

import io.arus.api.connector.ConnectorException;
import io.arus.api.connector.ConnectorException.Kind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What one change-capture stream keeps at the source under its feed name: a publication of its table and a logical
 * replication slot (plugin {@code pgoutput}). Statements on an ordinary connection; the slot itself is created on the
 * replication connection ({@link ChangeReader}) because only there can it export its snapshot.
 */
final class ChangeFeed {
    /** Names Arus gives its feeds; only such publications are ever dropped. */
    static final String PREFIX = "arus_";

    private final String name;

    ChangeFeed(String name) throws ConnectorException {
        if (name == null || !name.matches("[a-z0-9_]{1,63}")) {
            throw new ConnectorException(Kind.CONFIGURATION, "change feed name " + name + " is not [a-z0-9_]{1,63}");
        }
        this.name = name;
    }

    String name() {
        return name;
    }

    static void requireLogicalWal(Connection connection) throws SQLException, ConnectorException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery("SHOW wal_level")) {
            rows.next();
            String level = rows.getString(1);
            if (!"logical".equals(level)) {
                throw new ConnectorException(Kind.CONFIGURATION, "change capture needs wal_level = logical, the server"
                        + " has wal_level = " + level + ": set wal_level = logical in postgresql.conf (or ALTER SYSTEM"
                        + " SET wal_level = logical) and restart PostgreSQL");
            }
        }
    }

    /** Creates the publication of the table unless it exists (it must exist before the slot: pgoutput reads it as of each change). */
    void ensurePublication(Connection connection, String qualifiedTable) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT 1 FROM pg_publication WHERE pubname = ?")) {
            statement.setString(1, name);
            try (ResultSet rows = statement.executeQuery()) {
                if (rows.next()) {
                    return;
                }
            }
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE PUBLICATION " + name + " FOR TABLE " + qualifiedTable);
        }
    }

    /** @return the slot's state: null when it does not exist, else its wal_status ("lost" once invalidated) */
    String slotStatus(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT coalesce(wal_status, 'unknown') FROM pg_replication_slots WHERE slot_name = ?")) {
            statement.setString(1, name);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }

    /** @return the error of a feed whose slot vanished or was invalidated, or null when the slot is usable */
    ConnectorException lost(Connection connection) throws SQLException {
        String status = slotStatus(connection);
        if (status == null) {
            return new ConnectorException(Kind.CONFIGURATION, "the change feed " + name + " was lost: its replication"
                    + " slot no longer exists at the source (dropped outside Arus), so changes since the last checkpoint"
                    + " are gone; the pipeline needs a resync (reset its state)");
        }
        if ("lost".equals(status)) {
            return new ConnectorException(Kind.CONFIGURATION, "the change feed " + name + " was lost: PostgreSQL "
                    + "invalidated its replication slot (wal_status = lost, retained WAL exceeded max_slot_wal_keep_size),"
                    + " so changes since the last checkpoint are gone; the pipeline needs a resync (reset its state)");
        }
        return null;
    }

    /** Drops the slot (ending the walsender that holds it, if any) and the publication; nothing to drop is fine. */
    void drop(Connection connection) throws SQLException, ConnectorException {
        dropSlot(connection);
        if (name.startsWith(PREFIX)) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("DROP PUBLICATION IF EXISTS " + name);
            }
        }
    }

    /** Drops the slot, ending the walsender that holds it first; a slot that does not exist is fine. */
    void dropSlot(Connection connection) throws SQLException, ConnectorException {
        for (int attempt = 0; ; attempt++) {
            Integer activePid = null;
            boolean exists = false;
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT active_pid FROM pg_replication_slots WHERE slot_name = ?")) {
                statement.setString(1, name);
                try (ResultSet rows = statement.executeQuery()) {
                    if (rows.next()) {
                        exists = true;
                        int pid = rows.getInt(1);
                        activePid = rows.wasNull() ? null : pid;
                    }
                }
            }
            if (!exists) {
                break;
            }
            if (activePid != null) {
                if (attempt >= 50) {
                    throw new ConnectorException(Kind.CONNECTION, "the replication slot " + name + " stays in use by "
                            + "process " + activePid + " and cannot be dropped");
                }
                try (PreparedStatement statement = connection.prepareStatement("SELECT pg_terminate_backend(?)")) {
                    statement.setInt(1, activePid);
                    statement.execute();
                }
                pause(100);
                continue;
            }
            try (PreparedStatement statement = connection.prepareStatement("SELECT pg_drop_replication_slot(?)")) {
                statement.setString(1, name);
                statement.execute();
                break;
            } catch (SQLException e) {
                // 42704: dropped meanwhile; 55006: became active meanwhile, try again
                if ("42704".equals(e.getSQLState())) {
                    break;
                }
                if (!"55006".equals(e.getSQLState()) || attempt >= 50) {
                    throw e;
                }
                pause(100);
            }
        }
    }

    private static void pause(long millis) throws ConnectorException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectorException(Kind.CONNECTION, "interrupted while dropping a replication slot", e);
        }
    }
}
