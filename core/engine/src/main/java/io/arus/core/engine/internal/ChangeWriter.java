package io.arus.core.engine.internal;

import io.arus.api.connector.ConnectorException;
import io.arus.api.connector.StreamWriter;
import io.arus.api.connector.WriteMode;
import io.arus.api.record.Changes;
import io.arus.api.record.RecordBatch;
import io.arus.api.type.Field;
import io.arus.api.type.Schema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The normalized zone of a change-capture stream, in front of the destination's writers. It takes change batches
 * ({@link Changes#schemaOf}) and writes the table's columns with {@link Changes#POSITION} and
 * {@link Changes#COMMITTED_AT}:
 * <ul>
 * <li>Snapshot rows of a stream that starts from scratch go to a {@link WriteMode#REPLACE} writer: the destination
 * keeps its old rows until the snapshot is complete, and rows deleted at the source while no feed ran (a resync
 * after a lost slot) do not survive it. The first batch without snapshot rows (readers send one, possibly empty,
 * right after the snapshot) swaps the snapshot in and opens the upsert writer.</li>
 * <li>Changes are reduced to the last event per key (a batch holds them in log order) and applied by key:
 * upserts carry their position, so the destination keeps a row it holds at a newer one; deletes are made as of
 * their position ({@link StreamWriter#delete(List, long[])}).</li>
 * </ul>
 */
final class ChangeWriter implements StreamWriter {
    /** Opens a destination writer for the change target in a write mode. */
    interface Opener {
        StreamWriter open(WriteMode mode) throws ConnectorException;
    }

    private final Opener opener;
    private final Schema target;
    private final int[] key;
    private final int op;
    private StreamWriter snapshot;
    private StreamWriter changes;

    /**
     * @param opener     opens the destination's writers on {@link #target(Schema)}
     * @param data       the table's columns
     * @param primaryKey the key columns
     * @param fresh      whether the stream starts from scratch (a snapshot replaces the destination's rows)
     */
    ChangeWriter(Opener opener, Schema data, List<String> primaryKey, boolean fresh) throws ConnectorException {
        this.opener = opener;
        this.target = target(data);
        Schema changeSchema = Changes.schemaOf(data);
        this.key = primaryKey.stream().mapToInt(c -> changeSchema.indexOf(c).orElseThrow()).toArray();
        this.op = changeSchema.indexOf(Changes.OP).orElseThrow();
        if (fresh) {
            snapshot = opener.open(WriteMode.REPLACE);
        } else {
            changes = opener.open(WriteMode.UPSERT);
        }
    }

    /**
     * @param data the table's columns
     * @return what the destination holds of a change stream: the columns, the position and the commit time
     */
    static Schema target(Schema data) {
        List<Field> fields = new ArrayList<>(data.fields());
        Schema changes = Changes.schemaOf(data);
        fields.add(changes.field(changes.indexOf(Changes.POSITION).orElseThrow()));
        fields.add(changes.field(changes.indexOf(Changes.COMMITTED_AT).orElseThrow()));
        return Schema.of(fields);
    }

    /** @return whether the initial snapshot is still being written (its offsets cannot be resumed from) */
    boolean inSnapshot() {
        return snapshot != null;
    }

    @Override
    public void write(RecordBatch batch) throws ConnectorException {
        boolean snapshotRows = !batch.isEmpty() && Changes.SNAPSHOT.equals(batch.rows().get(0)[op]);
        if (snapshotRows) {
            (snapshot != null ? snapshot : changes).write(project(batch, batch.rows()));
            return;
        }
        endSnapshot();
        if (batch.isEmpty()) {
            return;
        }
        Map<List<Object>, Object[]> last = new LinkedHashMap<>();
        for (Object[] row : batch.rows()) {
            Object[] keyValues = new Object[key.length];
            for (int i = 0; i < key.length; i++) {
                keyValues[i] = row[key[i]];
            }
            List<Object> k = Arrays.asList(keyValues);
            last.remove(k);
            last.put(k, row);
        }
        List<Object[]> upserts = new ArrayList<>(last.size());
        List<Object[]> deletes = new ArrayList<>();
        List<Long> positions = new ArrayList<>();
        int position = op + 1;
        for (Map.Entry<List<Object>, Object[]> entry : last.entrySet()) {
            Object[] row = entry.getValue();
            if (Changes.DELETE.equals(row[op])) {
                deletes.add(entry.getKey().toArray());
                positions.add(((Number) row[position]).longValue());
            } else {
                upserts.add(row);
            }
        }
        if (!deletes.isEmpty()) {
            changes.delete(deletes, positions.stream().mapToLong(Long::longValue).toArray());
        }
        if (!upserts.isEmpty()) {
            changes.write(project(batch, upserts));
        }
    }

    /** The rows without the operation column, in the target's shape. */
    private RecordBatch project(RecordBatch batch, List<Object[]> rows) {
        List<Object[]> projected = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            Object[] out = new Object[row.length - 1];
            System.arraycopy(row, 0, out, 0, op);
            System.arraycopy(row, op + 1, out, op, row.length - op - 1);
            projected.add(out);
        }
        return RecordBatch.of(target, projected, batch.offsetAfter());
    }

    /** Swaps the completed snapshot in and opens the upsert writer. */
    private void endSnapshot() throws ConnectorException {
        if (snapshot == null) {
            return;
        }
        snapshot.flush();
        snapshot.complete();
        StreamWriter done = snapshot;
        snapshot = null;
        done.close();
        changes = opener.open(WriteMode.UPSERT);
    }

    private StreamWriter current() {
        return snapshot != null ? snapshot : changes;
    }

    @Override
    public void delete(List<Object[]> keys) throws ConnectorException {
        current().delete(keys);
    }

    @Override
    public void evolve(Schema newSchema) throws ConnectorException {
        current().evolve(newSchema);
    }

    @Override
    public void flush() throws ConnectorException {
        current().flush();
    }

    @Override
    public int rowsPerFlush() {
        return current().rowsPerFlush();
    }

    /** The stream ended (a bounded run drained its log): a snapshot still open is swapped in. */
    @Override
    public void complete() throws ConnectorException {
        endSnapshot();
        changes.complete();
    }

    @Override
    public void close() {
        try {
            if (snapshot != null) {
                snapshot.close();
            }
        } finally {
            if (changes != null) {
                changes.close();
            }
        }
    }
}
