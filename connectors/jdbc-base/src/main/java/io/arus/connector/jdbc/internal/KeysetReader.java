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
    private final Object upperBound;
    private final Object lookBackFrom;
    private final boolean cursorOnlyResume;
    private final BulkReader bulk;
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
        this.lastKey = Bounds.storedKey(plan, plan.request.startOffset());
        Object storedCursor = Bounds.storedCursor(plan, plan.request.startOffset());
        this.cursorOnlyResume = lastKey == null && storedCursor != null;
        Object lookedBack = Bounds.lookedBack(storedCursor, plan.request.lookBack());
        this.lookBackFrom = lookedBack != null ? lookedBack : cursorOnlyResume ? storedCursor : null;
        if (plan.incremental()) {
            this.upperBound = Bounds.upper(plan, connection);
            this.exhausted = upperBound == null;
            endTransaction();
        } else {
            this.upperBound = null;
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
        firstPage = false;
        if (rows.size() < pageRows) {
            exhausted = true;
        }
        pageRows = limit.rowsFor(rows.size(), limit.taken());
        if (rows.isEmpty()) {
            return null;
        }
        lastKey = new Object[plan.keyset.size()];
        for (int i = 0; i < lastKey.length; i++) {
            lastKey[i] = last[0][plan.keysetPositions[i]];
        }
        return RecordBatch.of(plan.outputSchema, rows, offset());
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
            conditions.add(plan.dialect.quote(plan.cursor.name()) + " <= " + params.add(upperBound,
                    plan.dialect.binder(plan.cursor.mapping().type()), plan.cursor.type()));
        }
        StringBuilder sql = new StringBuilder("SELECT ").append(plan.selectList()).append(" FROM ")
                .append(plan.qualifiedTable());
        for (int i = 0; i < conditions.size(); i++) {
            sql.append(i == 0 ? " WHERE " : " AND ").append(conditions.get(i));
        }
        return sql.append(plan.orderBy(plan.keyset)).append(" LIMIT ").append(pageRows).toString();
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
        Offset position = lastKey == null ? plan.request.startOffset() : offset();
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
