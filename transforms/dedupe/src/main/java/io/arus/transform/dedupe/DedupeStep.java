package io.arus.transform.dedupe;

import io.arus.api.record.RecordBatch;
import io.arus.api.transform.TransformException;
import io.arus.api.transform.TransformResult;
import io.arus.api.transform.TransformStep;
import io.arus.api.type.Schema;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One dedupe step. Within a batch it keeps, per key, the row with the greatest order value (a tie: the later row).
 * Across batches it remembers, per key written so far in this run, the greatest order value written, and drops a
 * row whose key was already written with a greater or equal value. No row is held past its batch, so each output
 * batch carries its input's offset; memory is bounded by {@code max_keys} remembered keys.
 */
final class DedupeStep implements TransformStep {
    /** Marks a key written with a NULL order value (the map holds no nulls). */
    private static final Object NULL_ORDER = new Object();

    private final Schema schema;
    private final int[] keyIndexes;
    private final int order;
    private final int maxKeys;
    private final Map<List<Object>, Object> written = new HashMap<>();

    DedupeStep(Schema schema, int[] keyIndexes, int order, int maxKeys) {
        this.schema = schema;
        this.keyIndexes = keyIndexes.clone();
        this.order = order;
        this.maxKeys = maxKeys;
    }

    @Override
    public Schema outputSchema() {
        return schema;
    }

    @Override
    public TransformResult apply(RecordBatch batch) throws TransformException {
        List<Object[]> rows = batch.rows();
        Map<List<Object>, Integer> winners = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            Object[] row = rows.get(i);
            winners.merge(key(row), i, (held, next) -> compare(rows.get(next)[order], rows.get(held)[order]) >= 0
                    ? next : held);
        }
        boolean[] keep = new boolean[rows.size()];
        for (Map.Entry<List<Object>, Integer> winner : winners.entrySet()) {
            Object value = orderValue(rows.get(winner.getValue()));
            Object before = written.get(winner.getKey());
            if (before != null && compare(before == NULL_ORDER ? null : before, value) >= 0) {
                continue;
            }
            if (before == null && written.size() >= maxKeys) {
                throw new TransformException("dedupe: more than max_keys (" + maxKeys + ") distinct keys in this "
                        + "run; raise max_keys or deduplicate in a SQL model");
            }
            written.put(winner.getKey(), value == null ? NULL_ORDER : value);
            keep[winner.getValue()] = true;
        }
        List<Object[]> out = new ArrayList<>(winners.size());
        for (int i = 0; i < rows.size(); i++) {
            if (keep[i]) {
                out.add(rows.get(i));
            }
        }
        return new TransformResult(batch.withRows(out), List.of(), rows.size() - out.size());
    }

    @Override
    public void close() {
        written.clear();
    }

    private Object orderValue(Object[] row) {
        Object value = row[order];
        return value == RecordBatch.ABSENT ? null : value;
    }

    private List<Object> key(Object[] row) {
        Object[] key = new Object[keyIndexes.length];
        for (int i = 0; i < key.length; i++) {
            Object value = row[keyIndexes[i]];
            key[i] = value == RecordBatch.ABSENT ? null : value instanceof byte[] b ? ByteBuffer.wrap(b) : value;
        }
        return Arrays.asList(key);
    }

    /** NULL (and ABSENT) sort first; values of one column share a Comparable class. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Object a, Object b) {
        a = a == RecordBatch.ABSENT ? null : a;
        b = b == RecordBatch.ABSENT ? null : b;
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        return ((Comparable) a).compareTo(b);
    }
}
