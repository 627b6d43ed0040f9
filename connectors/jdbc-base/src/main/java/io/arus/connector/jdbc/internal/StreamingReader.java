package io.arus.connector.jdbc.internal;

import io.arus.api.connector.BatchLimit;
import io.arus.api.connector.ConnectorException;
import io.arus.api.connector.ConnectorException.Kind;
import io.arus.api.connector.StreamReader;
import io.arus.api.record.Offset;
import io.arus.api.record.RecordBatch;
import io.arus.connector.jdbc.SqlFailures;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads a table without a key in one streamed query. A full read has no order and cannot resume (batches carry no
 * offset). An incremental read orders by the cursor alone; since several rows may share a cursor value, a batch's
 * offset is the last cursor value whose rows have <em>all</em> been read, so a resume re-reads at most the rows of
 * one cursor value and never skips one.
 */
final class StreamingReader implements StreamReader {
    private final ReadPlan plan;
    private final Connection connection;
    private final Runnable onClose;
    private final int batchSize;
    private final BatchLimit limit;
    private final PreparedStatement statement;
    private ResultSet result;
    private Object[] pending;
    private Object completeCursor;
    private boolean done;
    private volatile boolean woken;
    private boolean interrupted;

    /**
     * @param pages the condition selecting a page range's rows ({@link io.arus.connector.jdbc.Dialect#beginPageRange}),
     *              or null to read the whole table
     */
    StreamingReader(ReadPlan plan, String pages, Connection connection, Runnable onClose)
            throws ConnectorException, SQLException {
        this.plan = plan;
        this.connection = connection;
        this.onClose = onClose;
        this.batchSize = plan.request.batchSize();
        this.limit = BatchLimit.of(plan.request);
        StringBuilder sql = new StringBuilder("SELECT ").append(plan.selectList()).append(" FROM ")
                .append(plan.qualifiedTable());
        SqlParams params = new SqlParams();
        if (pages != null) {
            sql.append(" WHERE ").append(pages);
        }
        if (plan.incremental()) {
            Object stored = Bounds.storedCursor(plan, plan.request.startOffset());
            this.completeCursor = stored;
            Object upper = Bounds.upper(plan, connection);
            String cursor = plan.dialect.quote(plan.cursor.name());
            var binder = plan.dialect.binder(plan.cursor.mapping().type());
            var type = plan.cursor.type();
            sql.append(" WHERE ").append(cursor).append(" <= ").append(params.add(upper, binder, type));
            Object lookedBack = Bounds.lookedBack(stored, plan.request.lookBack());
            if (lookedBack != null) {
                sql.append(" AND ").append(cursor).append(" >= ").append(params.add(lookedBack, binder, type));
            } else if (stored != null) {
                sql.append(" AND ").append(cursor).append(" > ").append(params.add(stored, binder, type));
            }
            sql.append(plan.orderBy(List.of(plan.cursor)));
            done = upper == null;
        }
        this.statement = connection.prepareStatement(sql.toString());
        plan.dialect.streamResults(statement, batchSize);
        params.bind(statement);
    }

    @Override
    public RecordBatch poll() throws ConnectorException {
        if (interrupted) {
            throw new ConnectorException(Kind.INTERNAL, plan.table.id() + ": the read was interrupted and a table "
                    + "without primary key cannot resume mid-stream; restart the stream");
        }
        if (done) {
            return null;
        }
        List<Object[]> rows = new ArrayList<>(Math.min(batchSize, 10_000));
        List<Object> cursors = new ArrayList<>();
        try {
            if (result == null) {
                result = statement.executeQuery();
            }
            limit.reset();
            if (pending != null) {
                add(pending, rows, cursors);
                pending = null;
            }
            boolean more = true;
            while (!limit.full(rows.size()) && (more = result.next())) {
                add(plan.readRow(result), rows, cursors);
            }
            if (!more) {
                done = true;
            } else if (plan.incremental()) {
                // peek one row: the batch's last cursor value is complete only if the next row has another one
                if (result.next()) {
                    pending = plan.readRow(result);
                } else {
                    done = true;
                }
            }
        } catch (SQLException e) {
            Connections.rollback(connection, e);
            if (woken) {
                woken = false;
                interrupted = true;
                return RecordBatch.of(plan.outputSchema, List.of(), null);
            }
            throw SqlFailures.wrap(plan.dialect, "reading " + plan.table.id(), e);
        }
        if (rows.isEmpty()) {
            done = true;
            return null;
        }
        if (!plan.incremental()) {
            return RecordBatch.of(plan.outputSchema, rows, null);
        }
        advanceCompleteCursor(cursors);
        return RecordBatch.of(plan.outputSchema, rows, offset());
    }

    private void add(Object[] row, List<Object[]> rows, List<Object> cursors) {
        Object[] output = plan.output(row);
        rows.add(output);
        limit.add(output);
        if (plan.incremental()) {
            cursors.add(row[plan.keysetPositions[0]]);
        }
    }

    /**
     * The batch's last cursor value is complete when the next row has another value (or there is none); otherwise
     * the complete value is the last other value in this batch, or stays where it was.
     */
    private void advanceCompleteCursor(List<Object> cursors) {
        Object lastValue = cursors.get(cursors.size() - 1);
        if (pending == null || !Objects.equals(pending[plan.keysetPositions[0]], lastValue)) {
            completeCursor = lastValue;
            return;
        }
        for (int i = cursors.size() - 1; i >= 0; i--) {
            if (!Objects.equals(cursors.get(i), lastValue)) {
                completeCursor = cursors.get(i);
                return;
            }
        }
    }

    private Offset offset() {
        Map<String, Object> values = new HashMap<>();
        values.put("cursor", OffsetValues.encode(completeCursor, plan.cursor.mapping().type()));
        return Offset.of(values);
    }

    @Override
    public void wakeup() {
        woken = true;
        try {
            statement.cancel();
        } catch (SQLException e) {
            // the query already finished or the connection is gone: poll returns on its own either way
        }
    }

    @Override
    public void close() {
        Connections.closeQuietly(connection);
        onClose.run();
    }
}
