package io.arus.transform.expression.internal;

import io.arus.api.record.RecordBatch;
import java.util.Map;
import org.apache.commons.jexl3.JexlContext;

/**
 * The variables of one evaluation: the current row's columns by name. Reused for every row (no allocation per
 * row); a value the record does not have ({@link RecordBatch#ABSENT}) reads as null. Read-only.
 */
public final class RowContext implements JexlContext {
    private final Map<String, Integer> positions;
    private Object[] row;

    /** @param positions each column's position in a row */
    public RowContext(Map<String, Integer> positions) {
        this.positions = Map.copyOf(positions);
    }

    /** @param row the row the next evaluation reads, in schema order */
    public void row(Object[] row) {
        this.row = row;
    }

    @Override
    public Object get(String name) {
        Integer i = positions.get(name);
        if (i == null || row == null || i >= row.length) {
            return null;
        }
        Object value = row[i];
        return value == RecordBatch.ABSENT ? null : value;
    }

    @Override
    public void set(String name, Object value) {
        throw new UnsupportedOperationException("an expression cannot assign '" + name + "'");
    }

    @Override
    public boolean has(String name) {
        return positions.containsKey(name);
    }
}
