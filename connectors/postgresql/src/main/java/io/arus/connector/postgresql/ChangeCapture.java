package io.arus.connector.postgresql;

import io.arus.api.connector.BatchLimit;
import io.arus.api.connector.ConnectorException;
import io.arus.api.connector.ConnectorException.Kind;
import io.arus.api.connector.ReadRequest;
import io.arus.api.connector.StreamContext;
import io.arus.connector.jdbc.SqlFailures;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.replication.LogSequenceNumber;

/**
 * Opens a {@link ChangeReader}: checks the server and the table, creates the publication and the slot on a fresh
 * start, and begins the snapshot where one is due.
 */
final class ChangeCapture {
    private final PostgresDialect dialect;
    private final DataSource ordinary;
    private final DataSource replication;

    ChangeCapture(PostgresDialect dialect, DataSource ordinary, DataSource replication) {
        this.dialect = dialect;
        this.ordinary = ordinary;
        this.replication = replication;
    }

    ChangeReader open(ReadRequest request, StreamContext context) throws ConnectorException {
        ChangeFeed feed = new ChangeFeed(feedName(context));
        ChangeOffset start = request.startOffset() == null ? null : ChangeOffset.parse(request.startOffset());
        Connection meta = null;
        Connection replicationConnection = null;
        Connection snapshotConnection = null;
        try {
            meta = ordinary.getConnection();
            ChangeFeed.requireLogicalWal(meta);
            CaptureTable table = CaptureTable.read(meta, dialect, request.stream()).orElseThrow(() ->
                    new ConnectorException(Kind.SCHEMA, "table " + request.stream() + " does not exist"));
            table.requireKey();
            var selected = table.select(request.columns());
            for (String key : table.primaryKey()) {
                if (selected.stream().noneMatch(column -> column.name().equals(key))) {
                    throw new ConnectorException(Kind.CONFIGURATION, table.id() + ": change capture must read the key"
                            + " column " + key + " (deletes are applied by key)");
                }
            }
            replicationConnection = replication.getConnection();
            long consistentLsn;
            long streamFrom;
            SnapshotCursor snapshot = null;
            if (start == null) {
                feed.ensurePublication(meta, table.qualified());
                // a slot left by an attempt whose snapshot never completed: nothing was stored, start over
                feed.dropSlot(meta);
                String snapshotName;
                try (Statement statement = replicationConnection.createStatement();
                     ResultSet rows = statement.executeQuery("CREATE_REPLICATION_SLOT " + feed.name()
                             + " LOGICAL pgoutput EXPORT_SNAPSHOT")) {
                    rows.next();
                    consistentLsn = LogSequenceNumber.valueOf(rows.getString(2)).asLong();
                    snapshotName = rows.getString(3);
                }
                // the exported snapshot lives until the replication connection's next command: import it now
                snapshotConnection = ordinary.getConnection();
                snapshot = new SnapshotCursor(snapshotConnection, dialect, table, selected, snapshotName, null,
                        request.batchSize());
                snapshot.start();
                streamFrom = consistentLsn;
                context.log(System.Logger.Level.INFO, "created replication slot " + feed.name() + " at "
                        + LogSequenceNumber.valueOf(consistentLsn).asString() + "; reading the snapshot of " + table.id());
            } else {
                ConnectorException lost = feed.lost(meta);
                if (lost != null) {
                    throw lost;
                }
                consistentLsn = start.lsn();
                streamFrom = start.lsn();
                if (start.snapshot()) {
                    // The exported snapshot is gone. Reading the rest of the table (after the stored key) under a
                    // fresh snapshot sees some changes committed after the consistent point already; every one of
                    // them is also replayed from the slot, which streams from the consistent point, in commit order
                    // and at positions above the snapshot's 0. A row the fresh read saw too new is overwritten by
                    // the same or a later state, a row it missed (deleted meanwhile) gets its delete: each key ends
                    // at its last change, as if the snapshot had been read at the consistent point.
                    snapshotConnection = ordinary.getConnection();
                    snapshot = new SnapshotCursor(snapshotConnection, dialect, table, selected, null, start.after(),
                            request.batchSize());
                    context.log(System.Logger.Level.INFO, "resuming the snapshot of " + table.id() + " after key "
                            + start.after() + " under a fresh snapshot; changes follow from "
                            + LogSequenceNumber.valueOf(consistentLsn).asString());
                }
            }
            String marker = null;
            long endLsn = Long.MAX_VALUE;
            if (!request.follow()) {
                marker = UUID.randomUUID().toString();
                endLsn = endMarker(meta, feed.name(), marker);
            }
            return new ChangeReader(context, table, selected, feed, BatchLimit.of(request), request.follow(),
                    request.batchWait(), meta,
                    replicationConnection, consistentLsn, snapshotConnection, snapshot, streamFrom, marker, endLsn);
        } catch (SQLException e) {
            closeAll(meta, replicationConnection, snapshotConnection);
            ConnectorException limit = replicationLimit(e, feed, request);
            throw limit != null ? limit
                    : SqlFailures.wrap(dialect, "opening the change feed " + feed.name() + " of " + request.stream(), e);
        } catch (ConnectorException | RuntimeException e) {
            closeAll(meta, replicationConnection, snapshotConnection);
            throw e;
        }
    }

    /**
     * A server out of replication slots or WAL senders: not a passing outage to retry (the generic class 53 is), but
     * a setting to raise or slots to drop, since each change-capture stream holds a slot, and a WAL sender while it
     * reads.
     *
     * @return the CONFIGURATION error saying so, or null for another failure
     */
    static ConnectorException replicationLimit(SQLException e, ChangeFeed feed, ReadRequest request) {
        String state = SqlFailures.sqlState(e);
        String message = SqlFailures.describe(e);
        if ("53400".equals(state) && message.contains("replication slot")) {
            return new ConnectorException(Kind.CONFIGURATION, request.stream() + ": the source has no free replication"
                    + " slot for the change feed " + feed.name() + " (" + message + "). Each change-capture stream keeps"
                    + " a slot of its own: raise max_replication_slots on the server (a restart), or drop slots no longer"
                    + " used (pg_replication_slots; Arus drops its own when a pipeline or its state is deleted)", e);
        }
        if ("53300".equals(state) && message.contains("max_wal_senders")) {
            return new ConnectorException(Kind.CONFIGURATION, request.stream() + ": the source has no free WAL sender"
                    + " for the change feed " + feed.name() + " (" + message + "). Each change-capture stream holds one"
                    + " while it reads: raise max_wal_senders on the server (a restart)", e);
        }
        return null;
    }

    /**
     * A bounded read ends at the WAL position current at open. A logical decoding message written there (to this
     * feed's prefix, with a content of its own) is the sure sign the slot decoded that far: every transaction that
     * committed before it has been sent before it.
     */
    private static long endMarker(Connection meta, String prefix, String content) throws SQLException {
        try (PreparedStatement statement = meta.prepareStatement("SELECT pg_logical_emit_message(false, ?, ?)")) {
            statement.setString(1, prefix);
            statement.setString(2, content);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return LogSequenceNumber.valueOf(rows.getString(1)).asLong();
            }
        }
    }

    private static String feedName(StreamContext context) throws ConnectorException {
        try {
            return context.changeFeed();
        } catch (UnsupportedOperationException e) {
            throw new ConnectorException(Kind.UNSUPPORTED, e.getMessage(), e);
        }
    }

    /**
     * @return the feed's slot as {@code pg_replication_slots} shows it, with the WAL it retains (from its restart LSN
     *         to the current WAL position) and whether its publication exists; empty when there is no such slot
     */
    Map<String, Object> describe(String name) throws ConnectorException {
        try (Connection connection = ordinary.getConnection();
             PreparedStatement statement = connection.prepareStatement("SELECT s.active, s.wal_status,"
                     + " s.confirmed_flush_lsn::text, pg_wal_lsn_diff(pg_current_wal_lsn(), s.restart_lsn)::bigint,"
                     + " EXISTS (SELECT 1 FROM pg_publication p WHERE p.pubname = s.slot_name)"
                     + " FROM pg_replication_slots s WHERE s.slot_name = ?")) {
            statement.setString(1, name);
            try (ResultSet rows = statement.executeQuery()) {
                Map<String, Object> feed = new LinkedHashMap<>();
                if (rows.next()) {
                    feed.put("slot", name);
                    feed.put("active", rows.getBoolean(1));
                    feed.put("wal_status", rows.getString(2));
                    feed.put("confirmed_flush_lsn", rows.getString(3));
                    long retained = rows.getLong(4);
                    feed.put("retained_bytes", rows.wasNull() ? null : retained);
                    feed.put("publication", rows.getBoolean(5));
                }
                return feed;
            }
        } catch (SQLException e) {
            throw SqlFailures.wrap(dialect, "describing the change feed " + name, e);
        }
    }

    /** Drops a feed's slot and publication. */
    void drop(String name) throws ConnectorException {
        ChangeFeed feed = new ChangeFeed(name);
        try (Connection connection = ordinary.getConnection()) {
            feed.drop(connection);
        } catch (SQLException e) {
            throw SqlFailures.wrap(dialect, "dropping the change feed " + name, e);
        }
    }

    private static void closeAll(Connection... connections) {
        for (Connection connection : connections) {
            ChangeReader.closeQuietly(connection);
        }
    }
}
