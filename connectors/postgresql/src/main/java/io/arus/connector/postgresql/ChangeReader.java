package io.arus.connector.postgresql;

import io.arus.api.connector.BatchLimit;
import io.arus.api.connector.ConnectorException;
import io.arus.api.connector.ConnectorException.Kind;
import io.arus.api.connector.StreamContext;
import io.arus.api.connector.StreamReader;
import io.arus.api.record.Changes;
import io.arus.api.record.Offset;
import io.arus.api.record.RecordBatch;
import io.arus.api.type.Schema;
import io.arus.connector.jdbc.SqlFailures;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.postgresql.PGConnection;
import org.postgresql.replication.LogSequenceNumber;
import org.postgresql.replication.PGReplicationStream;

/**
 * Reads one table's changes from a logical replication slot ({@code pgoutput}), after its initial snapshot. Opened by
 * {@link ChangeCapture}, which creates the publication and slot and begins the snapshot. First the snapshot rows
 * (op {@code snapshot}, position 0), then one empty batch whose offset is the slot's consistent point, then the
 * changes of every transaction that committed from there on, in commit order, each row at its transaction's commit
 * LSN. A poll returns after the request's batch wait (half a second by default) or a full batch, empty when nothing
 * happened. The slot is confirmed only up to offsets the
 * engine said it stored ({@link #committed}), on this reader's thread at the next poll, since the replication stream
 * is not thread-safe.
 */
final class ChangeReader implements StreamReader {
    private static final long POLL_MILLIS = 500;
    private static final long LAG_REFRESH_NANOS = TimeUnit.SECONDS.toNanos(5);
    /** Classifies SQL failures (by SQLState) like the rest of the connector. */
    private static final PostgresDialect DIALECT = new PostgresDialect();

    private final StreamContext context;
    private final CaptureTable table;
    private final ChangeFeed feed;
    private final Schema schema;
    private final BatchLimit limit;
    private final boolean follow;
    /** The longest a poll gathers changes: the request's batch wait, else {@value #POLL_MILLIS} ms. */
    private final long pollNanos;
    private final Connection meta;
    private final Connection replication;
    private final long consistentLsn;
    private final PgOutputDecoder decoder;
    private final UnchangedToast unchangedToast;
    /** Where a bounded read ends: the position of its end marker, or the WAL position at open. */
    private final long endLsn;
    private Connection snapshotConnection;
    private SnapshotCursor snapshot;
    private PGReplicationStream stream;
    private volatile long toConfirm = -1;
    private long confirmed = -1;
    private volatile long bytesBehind = -1;
    private long lagMeasuredAt;
    private volatile boolean woken;
    private boolean ended;

    ChangeReader(StreamContext context, CaptureTable table, List<CaptureTable.Column> selected, ChangeFeed feed,
                 BatchLimit limit, boolean follow, java.time.Duration batchWait, Connection meta, Connection replication,
                 long consistentLsn, Connection snapshotConnection, SnapshotCursor snapshot, long startLsn,
                 String markerContent, long endLsn) {
        this.context = context;
        this.table = table;
        this.feed = feed;
        this.schema = Changes.schemaOf(CaptureTable.schemaOf(selected));
        this.limit = limit;
        this.follow = follow;
        this.pollNanos = batchWait == null ? TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS) : batchWait.toNanos();
        this.meta = meta;
        this.replication = replication;
        this.consistentLsn = consistentLsn;
        this.snapshotConnection = snapshotConnection;
        this.snapshot = snapshot;
        this.decoder = new PgOutputDecoder(table, selected, feed.name(), markerContent, startLsn);
        this.unchangedToast = new UnchangedToast(table, selected, DIALECT);
        this.endLsn = endLsn;
    }

    @Override
    public RecordBatch poll() throws ConnectorException {
        if (ended) {
            return null;
        }
        woken = false;
        if (snapshot != null) {
            return pollSnapshot();
        }
        try {
            if (stream == null) {
                startStream();
            }
            confirm();
            List<Object[]> rows = new ArrayList<>();
            long deadline = System.nanoTime() + pollNanos;
            limit.reset();
            while (!limit.full(rows.size())) {
                if (!follow && reachedEnd()) {
                    ended = rows.isEmpty();
                    break;
                }
                if (!rows.isEmpty() && System.nanoTime() > deadline) {
                    break; // the checkpoint interval is up, even while changes keep coming
                }
                ByteBuffer message = stream.readPending();
                if (message == null) {
                    if (woken || System.nanoTime() > deadline) {
                        break;
                    }
                    Thread.sleep(10);
                    continue;
                }
                int before = rows.size();
                decoder.decode(message, rows);
                for (int i = before; i < rows.size(); i++) {
                    limit.add(rows.get(i));
                }
            }
            unchangedToast.fill(rows, meta);
            measureLag();
            if (ended) {
                return null;
            }
            return RecordBatch.of(schema, rows, ChangeOffset.stream(position()).toOffset());
        } catch (SQLException e) {
            throw failure("reading the change feed " + feed.name() + " of " + table.id(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return RecordBatch.of(schema, List.of(), ChangeOffset.stream(position()).toOffset());
        }
    }

    private RecordBatch pollSnapshot() throws ConnectorException {
        try {
            List<Object[]> rows = snapshot.next(limit);
            if (!rows.isEmpty()) {
                return RecordBatch.of(schema, rows,
                        new ChangeOffset(true, consistentLsn, snapshot.lastKey()).toOffset());
            }
        } catch (SQLException e) {
            throw SqlFailures.wrap(DIALECT, "reading the snapshot of " + table.id(), e);
        }
        snapshot.close();
        snapshot = null;
        closeQuietly(snapshotConnection);
        snapshotConnection = null;
        log("snapshot of " + table.id() + " read; changes follow from " + LogSequenceNumber.valueOf(consistentLsn).asString());
        // the hand-over batch: no rows, the position the changes start from
        return RecordBatch.of(schema, List.of(), ChangeOffset.stream(consistentLsn).toOffset());
    }

    /** The position a resume may start from: the end of the last complete transaction, or further while idle. */
    private long position() {
        long position = decoder.lastCommitEnd();
        if (!decoder.inTransaction() && stream != null) {
            // between transactions the last received position (a commit's end, a keepalive's) has nothing pending
            // before it that a resume would need: later commits of transactions begun earlier are still decoded
            position = Math.max(position, stream.getLastReceiveLSN().asLong());
        }
        return position;
    }

    private boolean reachedEnd() {
        return !decoder.inTransaction() && (decoder.markerSeen() || position() >= endLsn);
    }

    private void startStream() throws SQLException, ConnectorException {
        long start = decoder.lastCommitEnd();
        stream = replication.unwrap(PGConnection.class).getReplicationAPI().replicationStream().logical()
                .withSlotName(feed.name())
                .withStartPosition(LogSequenceNumber.valueOf(start))
                .withSlotOption("proto_version", "1")
                .withSlotOption("publication_names", feed.name())
                .withSlotOption("messages", "true")
                .withStatusInterval(10, TimeUnit.SECONDS)
                // never confirm past what the engine stored, not even on a keepalive
                .withAutomaticFlush(false)
                .start();
        log("streaming changes of " + table.id() + " from " + LogSequenceNumber.valueOf(start).asString()
                + " (slot and publication " + feed.name() + ")");
    }

    private void confirm() throws SQLException {
        long target = toConfirm;
        if (target > confirmed) {
            LogSequenceNumber lsn = LogSequenceNumber.valueOf(target);
            stream.setFlushedLSN(lsn);
            stream.setAppliedLSN(lsn);
            stream.forceUpdateStatus();
            confirmed = target;
        }
    }

    private void measureLag() {
        long now = System.nanoTime();
        if (lagMeasuredAt != 0 && now - lagMeasuredAt < LAG_REFRESH_NANOS) {
            return;
        }
        lagMeasuredAt = now;
        try (Statement statement = meta.createStatement();
             ResultSet rows = statement.executeQuery("SELECT pg_current_wal_lsn()")) {
            rows.next();
            long current = LogSequenceNumber.valueOf(rows.getString(1)).asLong();
            bytesBehind = Math.max(0, current - position());
        } catch (SQLException e) {
            bytesBehind = -1;
        }
    }

    private ConnectorException failure(String what, SQLException e) {
        try {
            ConnectorException lost = feed.lost(meta);
            if (lost != null) {
                return lost;
            }
        } catch (SQLException ignored) {
            // the server is unreachable: report the original failure
        }
        return SqlFailures.wrap(DIALECT, what, e);
    }

    @Override
    public void committed(Offset offset) {
        try {
            ChangeOffset stored = ChangeOffset.parse(offset);
            if (!stored.snapshot() && stored.lsn() > toConfirm) {
                toConfirm = stored.lsn();
            }
        } catch (ConnectorException e) {
            log("ignoring a committed offset that is not this reader's: " + offset.values());
        }
    }

    @Override
    public long bytesBehind() {
        return bytesBehind;
    }

    @Override
    public void wakeup() {
        woken = true;
    }

    private void log(String message) {
        context.log(System.Logger.Level.INFO, message);
    }

    @Override
    public void close() {
        if (snapshot != null) {
            snapshot.close();
        }
        if (stream != null) {
            try {
                stream.close();
            } catch (SQLException e) {
                // the connection is closed right after
            }
        }
        closeQuietly(snapshotConnection);
        closeQuietly(replication);
        closeQuietly(meta);
    }

    static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // closing; nothing to recover
            }
        }
    }
}
