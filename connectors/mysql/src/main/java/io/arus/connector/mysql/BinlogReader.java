package io.arus.connector.mysql;

import com.github.shyiko.mysql.binlog.event.Event;
import io.arus.api.config.ConfigException;
import io.arus.api.connector.BatchLimit;
import io.arus.api.connector.ConnectorException;
import io.arus.api.connector.ReadRequest;
import io.arus.api.connector.StreamContext;
import io.arus.api.connector.StreamReader;
import io.arus.api.record.Changes;
import io.arus.api.record.RecordBatch;
import io.arus.api.type.Schema;
import io.arus.connector.jdbc.ConnectionSettings;
import io.arus.connector.jdbc.SqlFailures;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Change capture of one MySQL/MariaDB table from the binlog ({@link io.arus.api.connector.SyncMode#CDC}).
 * <p>
 * Without a stored offset it first reads the table under a consistent snapshot ({@link ConsistentSnapshot}) in
 * primary-key order, then returns one batch without rows whose offset is the snapshot's binlog position, and streams
 * the changes from there ({@link BinlogFeed}, {@link ChangeDecoder}). With an offset it streams from it. A bounded
 * read ({@code follow} false) notes the end of the binlog at open and ends once every transaction up to it was
 * returned.
 */
final class BinlogReader implements StreamReader {
    /**
     * How long a poll gathers changes when the request gives no batch wait: an idle poll waits this long, and a poll
     * that keeps getting changes returns after it.
     */
    private static final long IDLE_MILLIS = 1_000;
    /** How long a poll that has changes waits for more before it returns them. */
    private static final long LINGER_MILLIS = 50;
    /** How long the binlog connection may stay silent (heartbeats come every 5 s) before it counts as lost. */
    private static final long SILENCE_MILLIS = 60_000;
    /** How old a measured lag may be. */
    private static final long LAG_MILLIS = 5_000;

    private final ConnectionSettings settings;
    private final ReadRequest request;
    private final BatchLimit limit;
    private final Connection connection;
    private final CaptureTable table;
    private final Schema schema;
    private final BinlogPosition end;
    private final long serverId;
    private final String threadName;
    private final Consumer<BinlogReader> onClose;
    private volatile ConsistentSnapshot snapshot;
    private ChangeDecoder decoder;
    private BinlogFeed feed;
    private boolean handoverDue;
    private ConnectorException failure;
    private volatile boolean woken;
    private volatile long bytesBehind = -1;
    private long lagMeasuredAt;
    private boolean closed;

    private BinlogReader(ConnectionSettings settings, ReadRequest request, Connection connection, CaptureTable table,
                         BinlogPosition end, long serverId, String threadName, Consumer<BinlogReader> onClose) {
        this.settings = settings;
        this.request = request;
        this.limit = BatchLimit.of(request);
        this.connection = connection;
        this.table = table;
        this.schema = Changes.schemaOf(table.schema());
        this.end = end;
        this.serverId = serverId;
        this.threadName = threadName;
        this.onClose = onClose;
    }

    /**
     * Checks the server and the table, and starts the snapshot (no stored offset) or notes where to stream from.
     *
     * @throws ConnectorException CONFIGURATION when the binlog is not ROW with full row images and metadata, or
     *                            the table has no primary key
     */
    static BinlogReader open(MySqlDialect dialect, ConnectionSettings settings, ReadRequest request,
                             StreamContext context, Consumer<BinlogReader> onClose) throws ConnectorException {
        Connection connection;
        try {
            connection = dialect.dataSource(settings).getConnection();
        } catch (ConfigException | SQLException e) {
            throw new ConnectorException(ConnectorException.Kind.CONNECTION, "connecting to " + settings.address()
                    + " for change capture failed: " + e.getMessage(), e);
        }
        try {
            dialect.initSession(connection);
            boolean mariaDb = dialect.describeServer(connection).startsWith("MariaDB");
            BinlogRequirements.check(connection);
            CaptureTable table = CaptureTable.load(dialect, connection, request.stream());
            ConsistentSnapshot snapshot = null;
            BinlogPosition start;
            if (request.startOffset() == null) {
                snapshot = ConsistentSnapshot.start(connection, mariaDb);
                start = snapshot.position();
            } else {
                start = BinlogPosition.of(request.startOffset());
            }
            // read after the snapshot's position, so never before it
            BinlogPosition end = request.follow() ? null : BinlogStatus.current(connection, mariaDb);
            if (snapshot != null) {
                snapshot.read(dialect, table);
            }
            String feed = feedName(context);
            BinlogReader reader = new BinlogReader(settings, request, connection, table, end, serverId(feed),
                    "arus-binlog-" + feed, onClose);
            reader.snapshot = snapshot;
            reader.decoder = new ChangeDecoder(table, start, mariaDb, reader::hasColumnNow);
            reader.handoverDue = snapshot != null;
            context.log(System.Logger.Level.INFO, request.stream() + ": change capture from the binlog "
                    + (snapshot != null ? "after a consistent snapshot at " : "resuming at ") + start
                    + (end == null ? ", following the log" : ", up to " + end) + " (server id " + reader.serverId + ")");
            return reader;
        } catch (SQLException e) {
            closeQuietly(connection);
            throw SqlFailures.wrap(dialect, "opening change capture of " + request.stream(), e);
        } catch (ConnectorException | RuntimeException e) {
            closeQuietly(connection);
            throw e;
        }
    }

    /**
     * A replica's server id must be unique on the source; one derived from the feed's name stays the same across
     * runs (a second client with the same id would make the server drop the first) and keeps clear of the small
     * ids servers are usually given.
     *
     * @param feed the stream's change feed name
     * @return a server id between 100,000 and 1,000,100,000
     */
    static long serverId(String feed) {
        return 100_000L + Math.floorMod((long) feed.hashCode() * 31 + feed.length(), 1_000_000_000L);
    }

    private static String feedName(StreamContext context) {
        try {
            return context.changeFeed();
        } catch (UnsupportedOperationException e) {
            // not a pipeline's run (a preview, a test): a feed of its own for this reader only
            return "arus_adhoc_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
        }
    }

    @Override
    public RecordBatch poll() throws ConnectorException {
        if (failure != null) {
            ConnectorException thrown = failure;
            failure = null;
            throw thrown;
        }
        woken = false;
        if (snapshot != null && snapshot.reading()) {
            List<Object[]> rows = readSnapshot();
            if (!rows.isEmpty()) {
                // no offset: a snapshot cut short starts over
                return RecordBatch.of(schema, rows, null);
            }
        }
        if (handoverDue) {
            handoverDue = false;
            snapshot = null;
            return RecordBatch.of(schema, List.of(), decoder.complete().toOffset());
        }
        if (end != null && !decoder.inTransaction() && decoder.complete().compareTo(end) >= 0) {
            return null;
        }
        if (feed == null) {
            feed = BinlogFeed.start(settings, serverId, decoder.complete(), table.id(), threadName);
        }
        return readChanges();
    }

    private List<Object[]> readSnapshot() throws ConnectorException {
        try {
            List<Object[]> rows = snapshot.next(limit);
            List<Object[]> changes = new ArrayList<>(rows.size());
            int width = table.columns().size();
            for (Object[] row : rows) {
                Object[] change = java.util.Arrays.copyOf(row, width + 3);
                change[width] = Changes.SNAPSHOT;
                change[width + 1] = 0L;
                changes.add(change);
            }
            return changes;
        } catch (SQLException e) {
            throw new ConnectorException(ConnectorException.Kind.CONNECTION, "reading the snapshot of "
                    + request.stream() + " failed: " + e.getMessage(), e);
        }
    }

    private RecordBatch readChanges() throws ConnectorException {
        List<Object[]> rows = new ArrayList<>();
        long deadline = System.nanoTime() + (request.batchWait() == null
                ? TimeUnit.MILLISECONDS.toNanos(IDLE_MILLIS) : request.batchWait().toNanos());
        try {
            limit.reset();
            while (!limit.full(rows.size()) && !woken) {
                if (end != null && !decoder.inTransaction() && decoder.complete().compareTo(end) >= 0) {
                    break;
                }
                if (!rows.isEmpty() && System.nanoTime() > deadline) {
                    break; // the checkpoint interval is up, even while changes keep coming
                }
                long wait = rows.isEmpty() ? deadline - System.nanoTime() : TimeUnit.MILLISECONDS.toNanos(LINGER_MILLIS);
                if (wait <= 0) {
                    break;
                }
                Object item = feed.next(wait, TimeUnit.NANOSECONDS);
                if (item == null || item == BinlogFeed.WAKEUP) {
                    break;
                }
                int before = rows.size();
                decoder.accept((Event) item, rows);
                for (int i = before; i < rows.size(); i++) {
                    limit.add(rows.get(i));
                }
            }
        } catch (ConnectorException e) {
            if (rows.isEmpty()) {
                throw e;
            }
            // the changes before the failure are returned first; their offset ends before it
            failure = e;
        }
        if (rows.isEmpty() && feed.silentMillis() > SILENCE_MILLIS) {
            throw new ConnectorException(ConnectorException.Kind.CONNECTION, "the binlog connection sent nothing,"
                    + " not even a heartbeat, for " + feed.silentMillis() / 1000 + " s: it is lost");
        }
        return RecordBatch.of(schema, rows, decoder.complete().toOffset());
    }

    /** Asks the catalog whether the table has a column now (rare: a table map with a column this reader lacks). */
    private synchronized boolean hasColumnNow(String column) throws ConnectorException {
        try (java.sql.PreparedStatement statement = connection.prepareStatement("SELECT 1 FROM"
                + " information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND COLUMN_NAME = ?")) {
            statement.setString(1, table.id().namespace());
            statement.setString(2, table.id().name());
            statement.setString(3, column);
            try (java.sql.ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        } catch (SQLException e) {
            throw new ConnectorException(ConnectorException.Kind.CONNECTION, "reading the columns of " + table.id()
                    + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void wakeup() {
        woken = true;
        BinlogFeed current = feed;
        if (current != null) {
            current.wakeup();
        }
    }

    /** The binlog bytes after the last complete transaction returned, measured at most every 5 seconds. */
    @Override
    public synchronized long bytesBehind() {
        if (snapshot != null || closed) {
            return bytesBehind;
        }
        long now = System.currentTimeMillis();
        if (now - lagMeasuredAt >= LAG_MILLIS) {
            lagMeasuredAt = now;
            try {
                bytesBehind = BinlogStatus.bytesAfter(connection, decoder.complete());
            } catch (SQLException e) {
                bytesBehind = -1;
            }
        }
        return bytesBehind;
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        if (feed != null) {
            feed.close();
        }
        if (snapshot != null) {
            snapshot.close();
        }
        closeQuietly(connection);
        onClose.accept(this);
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            // nothing more to release
        }
    }
}
