package io.arus.core.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.arus.api.connector.StreamWriter;
import io.arus.api.connector.WriteMode;
import io.arus.api.record.Changes;
import io.arus.api.record.Offset;
import io.arus.api.record.RecordBatch;
import io.arus.api.type.Field;
import io.arus.api.type.LogicalType;
import io.arus.api.type.Schema;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ChangeWriterTest {
    private static final Schema DATA = Schema.of(Field.of("id", LogicalType.INT64, false),
            Field.of("name", LogicalType.STRING, true));
    private static final Schema CHANGES = Changes.schemaOf(DATA);
    private static final Instant AT = Instant.parse("2026-12-05T10:00:00Z");

    /** A keyed table: REPLACE writes into a staging map swapped in at complete, UPSERT merges with the guard. */
    private final Map<Long, Object[]> table = new TreeMap<>();
    private final List<String> log = new ArrayList<>();

    private final class Table implements StreamWriter {
        private final WriteMode mode;
        private final Map<Long, Object[]> staging = new TreeMap<>();

        Table(WriteMode mode) {
            this.mode = mode;
            log.add("open " + mode);
        }

        @Override
        public void write(RecordBatch batch) {
            assertThat(batch.schema()).isEqualTo(ChangeWriter.target(DATA));
            for (Object[] row : batch.rows()) {
                Map<Long, Object[]> into = mode == WriteMode.REPLACE ? staging : table;
                Object[] held = into.get((Long) row[0]);
                if (held == null || (long) held[2] <= (long) row[2]) {
                    into.put((Long) row[0], row);
                }
            }
        }

        @Override
        public void delete(List<Object[]> keys) {
            throw new AssertionError("changes delete with their positions");
        }

        @Override
        public void delete(List<Object[]> keys, long[] positions) {
            for (int i = 0; i < keys.size(); i++) {
                Object[] held = table.get((Long) keys.get(i)[0]);
                if (held != null && (long) held[2] <= positions[i]) {
                    table.remove((Long) keys.get(i)[0]);
                }
                log.add("delete " + keys.get(i)[0] + "@" + positions[i]);
            }
        }

        @Override
        public void evolve(Schema newSchema) {
        }

        @Override
        public void flush() {
        }

        @Override
        public void complete() {
            if (mode == WriteMode.REPLACE) {
                table.clear();
                table.putAll(staging);
                log.add("swap");
            }
        }

        @Override
        public void close() {
        }
    }

    private static Object[] change(String op, long id, String name, long position) {
        return new Object[] {id, name, op, position, op.equals(Changes.SNAPSHOT) ? null : AT};
    }

    private static RecordBatch batch(Object[]... rows) {
        return RecordBatch.of(CHANGES, Arrays.asList(rows), Offset.of(Map.of("lsn", 1)));
    }

    @Test
    void aFreshStreamReplacesTheTableWithItsSnapshotOnlyOnceTheChangesBegin() throws Exception {
        table.put(9L, new Object[] {9L, "deleted while no feed ran", 5L, AT});
        try (ChangeWriter writer = new ChangeWriter(Table::new, DATA, List.of("id"), true)) {
            writer.write(batch(change(Changes.SNAPSHOT, 1, "a", 0), change(Changes.SNAPSHOT, 2, "b", 0)));
            writer.flush();

            assertThat(writer.inSnapshot()).isTrue();
            assertThat(table).containsOnlyKeys(9L);

            writer.write(batch());

            assertThat(writer.inSnapshot()).isFalse();
            assertThat(table).containsOnlyKeys(1L, 2L);
            assertThat(log).containsExactly("open REPLACE", "swap", "open UPSERT");
        }
    }

    @Test
    void theLastEventPerKeyOfABatchIsAppliedAndDeletesCarryTheirPosition() throws Exception {
        table.put(1L, new Object[] {1L, "a", 0L, null});
        table.put(2L, new Object[] {2L, "b", 0L, null});
        try (ChangeWriter writer = new ChangeWriter(Table::new, DATA, List.of("id"), false)) {
            writer.write(batch(change(Changes.UPDATE, 1, "a1", 10), change(Changes.DELETE, 2, null, 11),
                    change(Changes.INSERT, 3, "c", 12), change(Changes.UPDATE, 1, "a2", 13),
                    change(Changes.DELETE, 3, null, 14), change(Changes.INSERT, 2, "b again", 15)));

            assertThat(table).containsOnlyKeys(1L, 2L);
            assertThat(table.get(1L)).containsExactly(1L, "a2", 13L, AT);
            assertThat(table.get(2L)).containsExactly(2L, "b again", 15L, AT);
            assertThat(log).containsExactly("open UPSERT", "delete 3@14");
        }
    }

    @Test
    void anOlderEventDeliveredAgainDoesNotUndoANewerOne() throws Exception {
        try (ChangeWriter writer = new ChangeWriter(Table::new, DATA, List.of("id"), false)) {
            writer.write(batch(change(Changes.INSERT, 1, "new", 20)));
            // a crash re-delivers from an older offset: the destination keeps the newer row
            writer.write(batch(change(Changes.UPDATE, 1, "old", 10)));
            writer.write(batch(change(Changes.DELETE, 1, null, 15)));

            assertThat(table.get(1L)).containsExactly(1L, "new", 20L, AT);
        }
    }

    @Test
    void aBoundedRunThatEndsRightAfterItsSnapshotStillSwapsItIn() throws Exception {
        try (ChangeWriter writer = new ChangeWriter(Table::new, DATA, List.of("id"), true)) {
            writer.write(batch(change(Changes.SNAPSHOT, 1, "a", 0)));
            writer.complete();

            assertThat(table).containsOnlyKeys(1L);
            assertThat(writer.inSnapshot()).isFalse();
        }
    }
}
