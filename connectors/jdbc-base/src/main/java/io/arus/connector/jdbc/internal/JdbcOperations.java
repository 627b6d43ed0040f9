package io.arus.connector.jdbc.internal;

import java.util.Map;
import java.util.LinkedHashMap;
import java.sql.ResultSet;
import java.sql.Statement;
import io.arus.api.connector.StreamId;
import io.arus.api.connector.ModelRequest;
import io.arus.api.connector.ModelResult;
import io.arus.api.connector.StreamProfile;
import io.arus.api.connector.CheckResult;
import io.arus.api.connector.ConnectorException;
import io.arus.api.connector.ConnectorException.Kind;
import io.arus.api.connector.ReadRequest;
import io.arus.api.connector.Split;
import io.arus.api.connector.StreamContext;
import io.arus.api.connector.StreamDescriptor;
import io.arus.api.connector.StreamReader;
import io.arus.api.connector.StreamWriter;
import io.arus.api.connector.SyncMode;
import io.arus.api.connector.WriteRequest;
import io.arus.connector.jdbc.ConnectionSettings;
import io.arus.connector.jdbc.Dialect;
import io.arus.connector.jdbc.SqlFailures;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;

/** What a {@link io.arus.connector.jdbc.JdbcSession} does, kept out of the exported package. */
public final class JdbcOperations {
    private final Dialect dialect;
    private final ConnectionSettings settings;
    private final DataSource dataSource;
    private final Set<AutoCloseable> open = ConcurrentHashMap.newKeySet();
    /**
     * The connection kept between the session's short operations (check, discovery, splits, counts), so that each
     * does not open one of its own: a PostgreSQL connection took 30-50 ms to open here and its first catalog query
     * 10-20 ms more, paid by every stream of every run. A reader or a writer takes it over for good.
     */
    private final AtomicReference<Connection> idle = new AtomicReference<>();
    private volatile boolean closed;
    private final Map<String, SnapshotHolder> snapshots = new ConcurrentHashMap<>();

    /**
     * @param dialect    the database's dialect
     * @param settings   where and as whom to connect (for messages)
     * @param dataSource the dialect's DataSource for those settings
     */
    public JdbcOperations(Dialect dialect, ConnectionSettings settings, DataSource dataSource) {
        this.dialect = dialect;
        this.settings = settings;
        this.dataSource = dataSource;
    }

    /** @return the server version, or why connecting failed */
    public CheckResult check() {
        try {
            return CheckResult.ok(briefly(dialect::describeServer));
        } catch (ConnectorException e) {
            return CheckResult.failed(e.getMessage());
        } catch (SQLException e) {
            return CheckResult.failed(ConnectFailure.describe(dialect, settings, e));
        }
    }

    /** @return every non-system table and view with columns, key, cursor candidates and row estimate */
    public List<StreamDescriptor> discover() throws ConnectorException {
        try {
            return briefly(connection -> {
                List<StreamDescriptor> streams = new ArrayList<>();
                for (TableInfo table : new Catalog(dialect).tables(connection)) {
                    var schema = table.schema();
                    streams.add(new StreamDescriptor(table.id(), schema, table.primaryKey(), CursorCandidates.of(schema),
                            table.rowEstimate()));
                }
                return streams;
            });
        } catch (SQLException e) {
            throw SqlFailures.wrap(dialect, "discovering the tables of " + settings.database(), e);
        }
    }

    /**
     * @return for a full refresh of a table of at least two batches: ranges of the first primary key column, cut at
     *         sampled quantiles (see {@link KeyRanges}), or for a table without a key, ranges of its pages read on one
     *         snapshot where the database has them (see {@link PageRanges}); the whole table otherwise
     */
    public List<Split> splits(ReadRequest request, int maxSplits) throws ConnectorException {
        if (maxSplits < 2 || request.syncMode() != SyncMode.FULL_REFRESH) {
            return List.of(Split.WHOLE);
        }
        Connection connection = borrow();
        boolean holding = false;
        boolean done = false;
        try {
            TableInfo table = new Catalog(dialect).tableWithEstimate(connection, request.stream()).orElseThrow(() ->
                    new ConnectorException(Kind.SCHEMA, "table " + request.stream() + " does not exist"));
            if (table.view()) {
                done = true;
                return List.of(Split.WHOLE);
            }
            if (!request.primaryKey().isEmpty() || !table.primaryKey().isEmpty()) {
                List<Split> ranges = KeyRanges.of(dialect, connection, table, request, maxSplits);
                done = true;
                return ranges;
            }
            connection.setAutoCommit(false);
            List<Split> ranges = PageRanges.of(dialect, connection, table, request, maxSplits);
            Object snapshot = ranges.get(0).bounds().get(Dialect.SNAPSHOT);
            if (snapshot != null) {
                // the connection's transaction holds the snapshot until every range's reader has joined it
                snapshots.put(snapshot.toString(), new SnapshotHolder(connection, ranges.size()));
                open.add(connection);
                holding = true;
            }
            done = true;
            return ranges;
        } catch (SQLException e) {
            throw SqlFailures.wrap(dialect, "cutting " + request.stream() + " into ranges", e);
        } finally {
            if (!holding) {
                settle(connection, done);
            }
        }
    }

    /**
     * @param context where the reader logs (its page query at DEBUG), or null
     * @return a keyset reader for a table with a key (over one key range when the split has one), a streaming one
     *         otherwise
     */
    public StreamReader openReader(ReadRequest request, Split split, StreamContext context) throws ConnectorException {
        Connection connection = borrow();
        try {
            TableInfo table = new Catalog(dialect).table(connection, request.stream()).orElseThrow(() ->
                    new ConnectorException(Kind.SCHEMA, "table " + request.stream() + " does not exist"));
            ReadPlan plan = new ReadPlan(dialect, table, request);
            KeyRanges.Range range = PageRanges.is(split) ? null : KeyRanges.Range.of(plan, split);
            dialect.prepareForStreaming(connection);
            String pages = null;
            if (PageRanges.is(split)) {
                connection.setAutoCommit(false);
                pages = dialect.beginPageRange(connection, split.bounds());
                joined(split.bounds().get(Dialect.SNAPSHOT));
            }
            AutoCloseable[] self = new AutoCloseable[1];
            Runnable forget = () -> open.remove(self[0]);
            StreamReader reader = plan.primaryKey.isEmpty()
                    ? new StreamingReader(plan, pages, connection, forget)
                    : new KeysetReader(plan, range, connection, forget, context);
            self[0] = reader;
            open.add(reader);
            return reader;
        } catch (SQLException e) {
            Connections.closeQuietly(connection);
            throw SqlFailures.wrap(dialect, "opening " + request.stream(), e);
        } catch (ConnectorException | RuntimeException e) {
            Connections.closeQuietly(connection);
            throw e;
        }
    }

    /** @return a writer on the request's target, created when missing */
    public StreamWriter openWriter(WriteRequest request, StreamContext context) throws ConnectorException {
        Connection connection = borrow();
        try {
            AutoCloseable[] self = new AutoCloseable[1];
            StreamWriter writer = new JdbcWriter(dialect, connection, request, context, () -> open.remove(self[0]),
                    this::connect);
            self[0] = writer;
            open.add(writer);
            return writer;
        } catch (ConnectorException | RuntimeException e) {
            Connections.closeQuietly(connection);
            throw e;
        }
    }

    /**
     * @param request a SQL model: its target, resolved SELECT and materialization
     * @return the rows it holds (table), added (incremental) or -1 (view)
     * @throws ConnectorException with the database's message when the SQL fails
     */
    public ModelResult runModel(ModelRequest request) throws ConnectorException {
        try (Connection connection = connect()) {
            return new ModelRunner(dialect, connection, request).run();
        } catch (SQLException e) {
            throw SqlFailures.wrap(dialect, "closing the connection of model " + request.target(), e);
        }
    }

    /**
     * Counts rows, distinct keys and nulls with portable SQL: {@code count(*)}, a distinct-key subquery, and a
     * {@code CASE WHEN c IS NULL} sum per column, in one statement each.
     */
    public StreamProfile profile(StreamId stream, List<String> keyColumns, List<String> nullColumns, String excludeWhereSet)
            throws ConnectorException {
        String table = dialect.qualify(stream.namespace(), stream.name());
        String where = excludeWhereSet == null ? "" : " WHERE " + dialect.quote(excludeWhereSet) + " IS NULL";
        StringBuilder counts = new StringBuilder("SELECT count(*)");
        for (String column : nullColumns) {
            counts.append(", sum(CASE WHEN ").append(dialect.quote(column)).append(" IS NULL THEN 1 ELSE 0 END)");
        }
        counts.append(" FROM ").append(table).append(where);
        try {
            return briefly(connection -> {
                try (Statement statement = connection.createStatement()) {
                    long rows;
                    Map<String, Long> nulls = new LinkedHashMap<>();
                    try (ResultSet result = statement.executeQuery(counts.toString())) {
                        result.next();
                        rows = result.getLong(1);
                        for (int i = 0; i < nullColumns.size(); i++) {
                            nulls.put(nullColumns.get(i), result.getLong(i + 2));
                        }
                    }
                    long distinct = -1;
                    boolean enforced = !keyColumns.isEmpty() && new Catalog(dialect).table(connection, stream)
                            .map(info -> info.primaryKey().equals(keyColumns)).orElse(false);
                    if (enforced) {
                        // the table's primary key constraint is exactly these columns: the database guarantees
                        // uniqueness, and a DISTINCT over every key would cost as much as a fifth of copying the table
                        distinct = rows;
                    } else if (!keyColumns.isEmpty()) {
                        String key = String.join(", ", keyColumns.stream().map(dialect::quote).toList());
                        try (ResultSet result = statement.executeQuery("SELECT count(*) FROM (SELECT DISTINCT " + key
                                + " FROM " + table + where + ") arus_distinct_keys")) {
                            result.next();
                            distinct = result.getLong(1);
                        }
                    }
                    if (!connection.getAutoCommit()) {
                        connection.commit();
                    }
                    return new StreamProfile(rows, distinct, nulls);
                }
            });
        } catch (SQLException e) {
            throw SqlFailures.wrap(dialect, "counting " + stream, e);
        }
    }

    /** Closes every reader and writer still open. */
    public void close() {
        closed = true;
        Connections.closeQuietly(idle.getAndSet(null));
        for (AutoCloseable resource : List.copyOf(open)) {
            try {
                resource.close();
            } catch (Exception e) {
                // readers and writers close quietly; anything else is a bug worth seeing in the log
                System.getLogger(JdbcOperations.class.getName()).log(System.Logger.Level.WARNING,
                        "closing " + resource + " failed", e);
            }
        }
        open.clear();
    }

    /** A reader joined a snapshot: the last one to join lets its exporting transaction end. */
    private void joined(Object snapshot) {
        if (snapshot == null) {
            return;
        }
        SnapshotHolder holder = snapshots.get(snapshot.toString());
        if (holder != null && holder.remaining.decrementAndGet() == 0) {
            snapshots.remove(snapshot.toString());
            open.remove(holder.connection);
            try {
                // ends the exporting transaction now: closing alone lets the server end it a moment later (the
                // session stayed "idle in transaction" after close() returned, seen on CI)
                holder.connection.rollback();
            } catch (SQLException e) {
                // closing ends it as well
            }
            Connections.closeQuietly(holder.connection);
        }
    }

    /** The connection whose open transaction exported a snapshot, and the readers still to join it. */
    private record SnapshotHolder(Connection connection, AtomicInteger remaining) {
        SnapshotHolder(Connection connection, int readers) {
            this(connection, new AtomicInteger(readers));
        }
    }

    /** Work on a connection that leaves it as it found it, but for an open transaction. */
    @FunctionalInterface
    private interface Brief<T> {
        T on(Connection connection) throws SQLException, ConnectorException;
    }

    /** Runs a short operation on the kept connection (or a new one), and keeps the connection for the next. */
    private <T> T briefly(Brief<T> work) throws SQLException, ConnectorException {
        Connection connection = borrow();
        boolean done = false;
        try {
            T result = work.on(connection);
            done = true;
            return result;
        } finally {
            settle(connection, done);
        }
    }

    /** @return the kept connection when it still answers, else a new one */
    private Connection borrow() throws ConnectorException {
        Connection kept = idle.getAndSet(null);
        if (kept != null) {
            try {
                if (kept.isValid(2)) {
                    return kept;
                }
            } catch (SQLException e) {
                // a dead kept connection is replaced below
            }
            Connections.closeQuietly(kept);
        }
        return connect();
    }

    /**
     * Keeps a connection an operation is done with for the next one, with no transaction open and in auto-commit
     * as {@link #connect()} made it; closes it instead after a failure, when one is kept already, or once the
     * session is closed.
     */
    private void settle(Connection connection, boolean succeeded) {
        if (succeeded && !closed) {
            try {
                if (!connection.getAutoCommit()) {
                    connection.rollback();
                    connection.setAutoCommit(true);
                }
                if (idle.compareAndSet(null, connection)) {
                    if (closed && idle.compareAndSet(connection, null)) {
                        Connections.closeQuietly(connection);
                    }
                    return;
                }
            } catch (SQLException e) {
                // closed below
            }
        }
        Connections.closeQuietly(connection);
    }

    private Connection connect() throws ConnectorException {
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            dialect.initSession(connection);
            return connection;
        } catch (SQLException e) {
            Connections.closeQuietly(connection);
            throw new ConnectorException(ConnectFailure.kind(dialect, e), ConnectFailure.describe(dialect, settings, e), e);
        }
    }
}
