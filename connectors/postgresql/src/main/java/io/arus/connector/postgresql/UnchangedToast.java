package io.arus.connector.postgresql;

import io.arus.api.record.Changes;
import io.arus.api.record.RecordBatch;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Fills the values pgoutput leaves out: an update that does not change a TOASTed column (a large text, jsonb or
 * bytea stored out of line) sends it as "unchanged" without its value, which the decoder marks
 * {@link RecordBatch#ABSENT}. Written as is, the destination would lose that value; instead the rows are read again by
 * key from the table as it is now, in chunks of {@value #CHUNK} keys. The value read may be newer than the event's
 * (the table moved on since), which the later events of the same row then bring anyway, so the destination ends equal
 * to the source. A row deleted since keeps the mark: its delete follows in the log. Values are read with the
 * full-refresh reader's column readers, so they have the Java types the decoder gives.
 */
final class UnchangedToast {
    static final int CHUNK = 500;

    private final List<CaptureTable.Column> selected;
    private final int[] keyPositions;
    private final String select;
    private final String keyTuple;
    private final Map<Integer, String> statements = new HashMap<>();

    UnchangedToast(CaptureTable table, List<CaptureTable.Column> selected, PostgresDialect dialect) {
        this.selected = selected;
        List<String> key = table.primaryKey();
        this.keyPositions = new int[key.size()];
        StringBuilder columns = new StringBuilder("SELECT ");
        StringBuilder tuple = new StringBuilder("(");
        for (int i = 0; i < selected.size(); i++) {
            columns.append(i == 0 ? "" : ", ").append(dialect.quote(selected.get(i).name()));
        }
        for (int k = 0; k < key.size(); k++) {
            String name = key.get(k);
            keyPositions[k] = indexOf(selected, name);
            tuple.append(k == 0 ? "" : ", ").append(dialect.quote(name));
        }
        this.select = columns.append(" FROM ").append(table.qualified()).append(" WHERE ").toString();
        this.keyTuple = tuple.append(')').toString();
    }

    /**
     * Replaces the ABSENT values of the batch's insert and update rows by the table's current values.
     *
     * @param rows     change rows: the selected columns, then op, position, commit time
     * @param metadata an autocommit connection to the source
     * @return how many rows were filled
     */
    int fill(List<Object[]> rows, Connection metadata) throws SQLException {
        int width = selected.size();
        Map<List<Object>, List<Object[]>> waiting = new HashMap<>();
        for (Object[] row : rows) {
            if (Changes.DELETE.equals(row[width]) || !hasAbsent(row, width)) {
                continue;
            }
            waiting.computeIfAbsent(key(row), k -> new ArrayList<>()).add(row);
        }
        if (waiting.isEmpty()) {
            return 0;
        }
        int filled = 0;
        List<List<Object>> keys = new ArrayList<>(waiting.keySet());
        for (int from = 0; from < keys.size(); from += CHUNK) {
            List<List<Object>> chunk = keys.subList(from, Math.min(keys.size(), from + CHUNK));
            try (PreparedStatement statement = metadata.prepareStatement(statement(chunk.size()))) {
                int parameter = 1;
                for (List<Object> key : chunk) {
                    for (int k = 0; k < keyPositions.length; k++) {
                        Object value = key.get(k);
                        statement.setObject(parameter++, value instanceof ByteBuffer b ? bytes(b) : value);
                    }
                }
                try (ResultSet result = statement.executeQuery()) {
                    while (result.next()) {
                        Object[] current = new Object[width];
                        for (int i = 0; i < width; i++) {
                            current[i] = selected.get(i).mapping().reader().read(result, i + 1);
                        }
                        List<Object[]> matching = waiting.get(key(current));
                        if (matching == null) {
                            continue;
                        }
                        for (Object[] row : matching) {
                            for (int i = 0; i < width; i++) {
                                if (row[i] == RecordBatch.ABSENT) {
                                    row[i] = current[i];
                                }
                            }
                            filled++;
                        }
                    }
                }
            }
        }
        return filled;
    }

    private String statement(int keys) {
        return statements.computeIfAbsent(keys, n -> {
            StringBuilder sql = new StringBuilder(select).append(keyTuple).append(" IN (");
            for (int i = 0; i < n; i++) {
                sql.append(i == 0 ? "(" : ", (");
                for (int k = 0; k < keyPositions.length; k++) {
                    CaptureTable.Column column = selected.get(keyPositions[k]);
                    sql.append(k == 0 ? "" : ", ").append("CAST(? AS ").append(column.type().text()).append(')');
                }
                sql.append(')');
            }
            return sql.append(')').toString();
        });
    }

    private List<Object> key(Object[] row) {
        Object[] key = new Object[keyPositions.length];
        for (int k = 0; k < keyPositions.length; k++) {
            Object value = row[keyPositions[k]];
            key[k] = value instanceof byte[] b ? ByteBuffer.wrap(b) : value;
        }
        return Arrays.asList(key);
    }

    private static boolean hasAbsent(Object[] row, int width) {
        for (int i = 0; i < width; i++) {
            if (row[i] == RecordBatch.ABSENT) {
                return true;
            }
        }
        return false;
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] copy = new byte[buffer.remaining()];
        buffer.duplicate().get(copy);
        return copy;
    }

    private static int indexOf(List<CaptureTable.Column> selected, String name) {
        for (int i = 0; i < selected.size(); i++) {
            if (selected.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("the key column " + name + " is not read");
    }
}
