package io.arus.connector.jdbc.internal;

import io.arus.api.connector.BatchLimit;
import io.arus.api.connector.ConnectorException;
import io.arus.api.connector.StreamContext;
import io.arus.api.connector.StreamReader;
import io.arus.api.record.Offset;
import io.arus.api.record.RecordBatch;
import io.arus.connector.jdbc.BulkReader;
import io.arus.connector.jdbc.SqlFailures;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a table with a key page by page: {@code WHERE keyset > (last key) [AND first key in a split's range]
 * [AND cursor <= upper bound] ORDER BY keyset LIMIT page}. A page is the batch size, or under a bound on a batch's
 * memory the rows that fit it as the last page measured them (the first asks for a few). Each page is one short
 * query, so no statement stays open while the engine writes (a MySQL server would time out a stalled streaming
 * result; a PostgreSQL snapshot would hold back vacuum), and each batch's offset is the key of its last row, so rows
 * sharing a cursor value at a boundary are neither skipped nor repeated.
 * Where the dialect has a {@link BulkReader} for the selected columns, each page runs through it instead of a result
 * set (the same query, the same rows, decoded faster).
 * <p>
 * An incremental read with nothing stored yet (a first run) whose cursor is not a key column starts <b>by key</b>:
 * {@code WHERE pk > (last key) AND cursor <= (upper bound) ORDER BY pk LIMIT page}, which the primary key's index
 * serves page after page, where pages in cursor order would each scan and sort the table when the cursor has no
 * index. Its offsets are {@code {"until": bound, "pk": last key}} (a crash resumes it at the same bound). Once it
 * ends, the read goes on in cursor order from {@code (bound, last key)} up to a new bound, in the same run: what
 * changed while the table was read by key comes with it, and its offsets are the usual ones. The pages by key of a
 * read that began with no offset are {@link RecordBatch#newKeys()}: each key comes once.
 */
final class KeysetReader implements StreamReader {
    private final ReadPlan plan;
    /** The key range of a split, or null for the whole table. */
    private final KeyRanges.Range range;
    private final Connection connection;
    private final Runnable onClose;
    private final BatchLimit limit;
    /** The rows the next page asks for: the batch size, or what fits the batch's memory bound by the last page. */
    private int pageRows;
    private Object upperBound;
    private final Object lookBackFrom;
    /** Reading a first incremental run in key order, up to {@link #upperBound}; see the class comment. */
    private boolean byKey;
    /** Reading by key from no offset at all: each key comes once ({@link RecordBatch#newKeys()}). */
    private final boolean fromNothing;
    private final boolean cursorOnlyResume;
    private final BulkReader bulk;
    /** The offset key of a read by key: the bound it reads up to. */
    static final String UNTIL = "until";
    /** The offset key of a read by key: the greatest cursor value it read. */
    static final String MAX = "max";
    /** The greatest cursor value read by key, or null. */
    private Object maxCursor;
    /** The keyset values of the last row read: cursor then key, or only the key while reading by key. */
    private Object[] lastKey;
    private boolean firstPage = true;
    private boolean exhausted;
    private volatile PreparedStatement running;
    private volatile boolean bulkRunning;
    private volatile boolean woken;
    /** Where the page query is logged, or null. */
    private final StreamContext context;
    /** The page query last logged, without its LIMIT. */
    private String loggedShape;

    KeysetReader(ReadPlan plan, KeyRanges.Range range, Connection connection, Runnable onClose, StreamContext context)
            throws ConnectorException, SQLException {
        this.context = context;
        this.plan = plan;
        this.range = range;
        this.connection = connection;
        this.onClose = onClose;
        this.limit = BatchLimit.of(plan.request);
        this.pageRows = limit.firstPage();
        this.bulk = plan.dialect.bulkReader(plan.selected.stream().map(ColumnInfo::type).toList());
        Offset start = plan.request.startOffset();
        this.lastKey = Bounds.storedKey(plan, start);
        Object storedCursor = Bounds.storedCursor(plan, start);
        this.cursorOnlyResume = lastKey == null && storedCursor != null;
        Object lookedBack = Bounds.lookedBack(storedCursor, plan.request.lookBack());
        this.lookBackFrom = lookedBack != null ? lookedBack : cursorOnlyResume ? storedCursor : null;
        if (plan.incremental()) {
            this.byKey = range == null && !plan.primaryKey.contains(plan.cursor)
                    && (start == null || start.get(UNTIL) != null);
            this.fromNothing = byKey && start == null;
            if (byKey && start != null) {
                this.upperBound = OffsetValues.decode(start.get(UNTIL), plan.cursor.mapping().type());
                this.lastKey = Bounds.storedPrimaryKey(plan, start);
                this.maxCursor = start.get(MAX) == null ? null
                        : OffsetValues.decode(start.get(MAX), plan.cursor.mapping().type());
            } else {
                this.upperBound = Bounds.upper(plan, connection);
            }
            this.exhausted = upperBound == null;
            endTransaction();
        } else {
            this.upperBound = null;
            this.fromNothing = false;
        }
    }

    @Override
    public RecordBatch poll() throws ConnectorException {
        if (exhausted) {
            return null;
        }
        SqlParams params = new SqlParams(bulk);
        String sql = pageSql(params);
        boolean bulkPage = bulk != null && params.parameters().stream().allMatch(p -> p.value() != null);
        if (bulk != null && !bulkPage) {
            // a bulk reader passes values it can name; a NULL bound (never a key) goes the plain way
            params = new SqlParams();
            sql = pageSql(params);
        }
        logShape(sql);
        List<Object[]> rows = new ArrayList<>(Math.min(pageRows, 10_000));
        Object[][] last = new Object[1][];
        limit.reset();
        try {
            if (bulkPage) {
                bulkRunning = true;
                if (woken) {
                    return interrupted();
                }
                bulk.read(connection, sql, params.parameters(), row -> {
                    last[0] = row;
                    seen(row);
                    Object[] output = plan.output(row);
                    rows.add(output);
                    limit.add(output);
                });
            } else if (!readPage(sql, params, rows, last)) {
                return interrupted();
            }
            endTransaction();
        } catch (SQLException e) {
            rollbackQuietly(e);
            if (woken) {
                return interrupted();
            }
            throw SqlFailures.wrap(plan.dialect, "reading " + plan.table.id(), e);
        } finally {
            running = null;
            bulkRunning = false;
        }
        boolean ended = rows.size() < pageRows;
        pageRows = limit.rowsFor(rows.size(), limit.taken());
        if (byKey) {
            return keyPage(rows, last[0], ended);
        }
        firstPage = false;
        if (ended) {
            exhausted = true;
        }
        if (rows.isEmpty()) {
            return null;
        }
        lastKey = new Object[plan.keyset.size()];
        for (int i = 0; i < lastKey.length; i++) {
            lastKey[i] = last[0][plan.keysetPositions[i]];
        }
        return RecordBatch.of(plan.outputSchema, rows, offset());
    }

    /**
     * A page read by key: its offset resumes the read by key, or, on its last page, starts the read in cursor order
     * at {@code (bound, last key)} with a new bound (an empty batch carries that offset when the last page is empty).
     */
    private RecordBatch keyPage(List<Object[]> rows, Object[] lastRow, boolean ended) throws ConnectorException {
        if (lastRow != null) {
            lastKey = new Object[plan.primaryKey.size()];
            for (int i = 0; i < lastKey.length; i++) {
                lastKey[i] = lastRow[plan.keysetPositions[i + 1]];
            }
        }
        if (!ended) {
            return marked(RecordBatch.of(plan.outputSchema, rows, keyOffset()));
        }
        byKey = false;
        if (lastKey != null) {
            Object[] key = new Object[plan.keyset.size()];
            // from the greatest cursor value read: a row under the bound that commits late is still read after it
            key[0] = maxCursor != null ? maxCursor : upperBound;
            System.arraycopy(lastKey, 0, key, 1, lastKey.length);
            lastKey = key;
        }
        try {
            upperBound = Bounds.upper(plan, connection);
            endTransaction();
        } catch (SQLException e) {
            rollbackQuietly(e);
            throw SqlFailures.wrap(plan.dialect, "reading the upper bound of " + plan.table.id(), e);
        }
        if (context != null) {
            context.log(System.Logger.Level.DEBUG, "read by key up to " + plan.cursor.name() + " <= the bound at the"
                    + " start; what changed since is read in cursor order");
        }
        exhausted = upperBound == null;
        if (lastKey == null) {
            // no row at all up to the first bound (so this page is empty): the cursor-order read starts at the beginning
            return poll();
        }
        return marked(RecordBatch.of(plan.outputSchema, rows, offset()));
    }

    private RecordBatch marked(RecordBatch batch) {
        return fromNothing ? batch.withNewKeys() : batch;
    }

    /** While reading by key: keeps the greatest cursor value. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private void seen(Object[] row) {
        if (!byKey) {
            return;
        }
        Object cursor = row[plan.keysetPositions[0]];
        if (cursor == null) {
            return;
        }
        if (maxCursor == null || cursor.getClass() == maxCursor.getClass() && cursor instanceof Comparable comparable
                && comparable.compareTo(maxCursor) > 0) {
            maxCursor = cursor;
        }
    }

    private Offset keyOffset() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put(UNTIL, OffsetValues.encode(upperBound, plan.cursor.mapping().type()));
        if (maxCursor != null) {
            values.put(MAX, OffsetValues.encode(maxCursor, plan.cursor.mapping().type()));
        }
        List<Object> pk = new ArrayList<>();
        for (int i = 0; i < lastKey.length; i++) {
            pk.add(OffsetValues.encode(lastKey[i], plan.primaryKey.get(i).mapping().type()));
        }
        values.put("pk", pk);
        return Offset.of(values);
    }

    /** @return false when a wakeup came before the query started */
    private boolean readPage(String sql, SqlParams params, List<Object[]> rows, Object[][] last) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            plan.dialect.streamResults(statement, pageRows);
            params.bind(statement);
            running = statement;
            if (woken) {
                return false;
            }
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    last[0] = plan.readRow(result);
                    seen(last[0]);
                    Object[] output = plan.output(last[0]);
                    rows.add(output);
                    limit.add(output);
                }
            }
        }
        return true;
    }

    private String pageSql(SqlParams params) {
        List<String> conditions = new ArrayList<>();
        if (byKey) {
            if (lastKey != null) {
                conditions.add(KeysetPredicate.after(plan.dialect, plan.primaryKey, lastKey, params));
            }
            conditions.add(upToBound(params));
            return select(conditions, plan.primaryKey);
        }
        if (firstPage && lookBackFrom != null) {
            // the look-back window (or a stored offset without key values) re-reads from a cursor value on:
            // harmless, because the engine writes such reads in upsert mode
            conditions.add(plan.dialect.quote(plan.cursor.name()) + " >= " + params.add(lookBackFrom,
                    plan.dialect.binder(plan.cursor.mapping().type()), plan.cursor.type()));
        } else if (lastKey != null) {
            conditions.add(KeysetPredicate.after(plan.dialect, plan.keyset, lastKey, params));
        }
        if (range != null && range.from() != null) {
            conditions.add(plan.dialect.quote(range.column().name()) + " >= " + params.add(range.from(),
                    plan.dialect.binder(range.column().mapping().type()), range.column().type()));
        }
        if (range != null && range.to() != null) {
            conditions.add(plan.dialect.quote(range.column().name()) + " < " + params.add(range.to(),
                    plan.dialect.binder(range.column().mapping().type()), range.column().type()));
        }
        if (plan.incremental()) {
            conditions.add(upToBound(params));
        }
        return select(conditions, plan.keyset);
    }

    private String upToBound(SqlParams params) {
        return plan.dialect.quote(plan.cursor.name()) + " <= " + params.add(upperBound,
                plan.dialect.binder(plan.cursor.mapping().type()), plan.cursor.type());
    }

    /** @return a page: the selected columns under {@code conditions}, in {@code order}, {@link #pageRows} at most */
    private String select(List<String> conditions, List<ColumnInfo> order) {
        StringBuilder sql = new StringBuilder("SELECT ").append(plan.selectList()).append(" FROM ")
                .append(plan.qualifiedTable());
        for (int i = 0; i < conditions.size(); i++) {
            sql.append(i == 0 ? " WHERE " : " AND ").append(conditions.get(i));
        }
        return sql.append(plan.orderBy(order)).append(" LIMIT ").append(pageRows).toString();
    }

    /**
     * Logs the page query at DEBUG whenever its shape changes (the first page, a look-back, the pages after a key),
     * with its parameters as placeholders: what a user needs to EXPLAIN a slow read, and no row values.
     */
    private void logShape(String sql) {
        if (context == null) {
            return;
        }
        String shape = sql.substring(0, sql.lastIndexOf(" LIMIT "));
        if (!shape.equals(loggedShape)) {
            loggedShape = shape;
            context.log(System.Logger.Level.DEBUG, "page query " + sql);
        }
    }

    private Offset offset() {
        Map<String, Object> values = new LinkedHashMap<>();
        int first = 0;
        if (plan.incremental()) {
            values.put("cursor", OffsetValues.encode(lastKey[0], plan.cursor.mapping().type()));
            first = 1;
        }
        List<Object> pk = new ArrayList<>();
        for (int i = first; i < lastKey.length; i++) {
            pk.add(OffsetValues.encode(lastKey[i], plan.keyset.get(i).mapping().type()));
        }
        values.put("pk", pk);
        return Offset.of(values);
    }

    /** After a wakeup: an empty batch at the current position, so the engine can stop without losing its place. */
    private RecordBatch interrupted() {
        woken = false;
        Offset position = lastKey == null ? plan.request.startOffset() : byKey ? keyOffset() : offset();
        return RecordBatch.of(plan.outputSchema, List.of(), position);
    }

    private void endTransaction() throws SQLException {
        if (!connection.getAutoCommit()) {
            connection.commit();
        }
    }

    private void rollbackQuietly(SQLException failure) {
        try {
            if (!connection.isClosed() && !connection.getAutoCommit()) {
                connection.rollback();
            }
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    @Override
    public void wakeup() {
        woken = true;
        if (bulkRunning) {
            try {
                bulk.cancel(connection);
            } catch (SQLException e) {
                // the page already finished or the connection is gone: poll returns on its own either way
            }
            return;
        }
        PreparedStatement statement = running;
        if (statement != null) {
            try {
                statement.cancel();
            } catch (SQLException e) {
                // the statement already finished or the connection is gone: poll returns on its own either way
            }
        }
    }

    @Override
    public void close() {
        Connections.closeQuietly(connection);
        onClose.run();
    }
}
