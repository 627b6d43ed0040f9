package io.arus.connector.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arus.api.connector.ConnectorException;
import io.arus.api.connector.StreamId;
import io.arus.api.connector.StreamWriter;
import io.arus.api.connector.WriteMode;
import io.arus.api.connector.WriteRequest;
import io.arus.api.record.RecordBatch;
import io.arus.api.type.Field;
import io.arus.api.type.LogicalType;
import io.arus.api.type.Schema;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The write modes, the DATA-error contract and parallel writers, against a real database file. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DuckDbWriteTest {
    private static final Schema PEOPLE = Schema.of(Field.of("id", LogicalType.INT32, false),
            Field.of("name", LogicalType.STRING, true));

    private DuckFile db;

    @BeforeAll
    void open() throws Exception {
        db = new DuckFile();
    }

    @AfterAll
    void close() throws Exception {
        db.close();
    }

    @Test
    void upsertingTheSameRowsTwiceLeavesOneRowPerKeyWithTheLatestValues() throws Exception {
        try (StreamWriter writer = writer("people_upsert", PEOPLE, WriteMode.UPSERT)) {
            writer.write(batch(PEOPLE, row(1, "Ada"), row(2, "Grace")));
            writer.flush();
            writer.write(batch(PEOPLE, row(1, "Ada"), row(2, "Grace")));
            writer.flush();
            writer.write(batch(PEOPLE, row(2, "Grace Hopper"), row(3, "Linus"), row(3, "Linus T.")));
            writer.flush();
        }
        assertThat(db.strings("SELECT id || ':' || name FROM main.people_upsert ORDER BY id"))
                .containsExactly("1:Ada", "2:Grace Hopper", "3:Linus T.");
    }

    @Test
    void appendAddsEveryRowAlsoToATableOfOtherTypesAndColumnOrder() throws Exception {
        try (StreamWriter writer = writer("appended", PEOPLE, WriteMode.APPEND)) {
            writer.write(batch(PEOPLE, row(1, "a"), row(2, "b")));
            writer.flush();
            writer.write(batch(PEOPLE, row(3, "c")));
            writer.flush();
        }
        assertThat(db.strings("SELECT count(*) FROM main.appended")).containsExactly("3");

        db.sql("CREATE TABLE main.foreign_shape (extra VARCHAR DEFAULT 'x', name VARCHAR(100), id BIGINT)");
        try (StreamWriter writer = writer("foreign_shape", PEOPLE, WriteMode.APPEND)) {
            writer.write(batch(PEOPLE, row(1, "a"), row(1, "a")));
            writer.flush();
        }
        assertThat(db.strings("SELECT id || name || extra FROM main.foreign_shape")).containsExactly("1ax", "1ax");
    }

    @Test
    void replaceSwapsTheNewTableInOnlyOnComplete() throws Exception {
        try (StreamWriter writer = writer("replaced", PEOPLE, WriteMode.UPSERT)) {
            writer.write(batch(PEOPLE, row(1, "old"), row(2, "old")));
            writer.flush();
        }
        try (StreamWriter writer = writer("replaced", PEOPLE, WriteMode.REPLACE)) {
            writer.write(batch(PEOPLE, row(3, "new")));
            writer.flush();
            assertThat(db.strings("SELECT name FROM main.replaced")).containsExactly("old", "old");
            writer.complete();
        }
        assertThat(db.strings("SELECT id || name FROM main.replaced")).containsExactly("3new");
        assertThat(tablesLike("replaced%")).containsExactly("replaced");

        try (StreamWriter writer = writer("replaced", PEOPLE, WriteMode.REPLACE)) {
            writer.write(batch(PEOPLE, row(4, "newer")));
            writer.flush();
            // closed without complete(): the run failed, the live table stays and the staging table goes
        }
        assertThat(db.strings("SELECT id || name FROM main.replaced")).containsExactly("3new");
        assertThat(tablesLike("replaced%")).containsExactly("replaced");

        // the swapped-in table still has its key: upserts merge into it
        try (StreamWriter writer = writer("replaced", PEOPLE, WriteMode.UPSERT)) {
            writer.write(batch(PEOPLE, row(3, "upserted"), row(5, "five")));
            writer.flush();
        }
        assertThat(db.strings("SELECT id || name FROM main.replaced ORDER BY id")).containsExactly("3upserted", "5five");
    }

    @Test
    void aRefusedRowLeavesNothingOfItsFlushAndTheNextFlushStillWrites() throws Exception {
        Schema strict = Schema.of(Field.of("id", LogicalType.INT32, false), Field.of("name", LogicalType.STRING, false));
        try (StreamWriter writer = writer("strict_names", strict, WriteMode.APPEND)) {
            writer.write(batch(strict, row(1, "a"), row(2, null)));
            assertThatThrownBy(writer::flush).isInstanceOfSatisfying(ConnectorException.class,
                    e -> assertThat(e.kind()).isEqualTo(ConnectorException.Kind.DATA));
            assertThat(db.strings("SELECT name FROM main.strict_names")).isEmpty();
            writer.write(batch(strict, row(1, "a")));
            writer.flush();
        }
        assertThat(db.strings("SELECT name FROM main.strict_names")).containsExactly("a");
    }

    @Test
    void aDecimalTooWideForItsColumnIsADataErrorInEveryMode() throws Exception {
        Schema money = Schema.of(Field.of("id", LogicalType.INT32, false), Field.of("amount", LogicalType.decimal(5, 2), true));
        for (WriteMode mode : List.of(WriteMode.APPEND, WriteMode.UPSERT)) {
            String table = "money_" + mode.id();
            try (StreamWriter writer = writer(table, money, mode)) {
                writer.write(batch(money, new Object[] {1, new BigDecimal("123.45")}, new Object[] {2, new BigDecimal("1234.5")}));
                assertThatThrownBy(writer::flush).as(mode.id()).isInstanceOfSatisfying(ConnectorException.class,
                        e -> assertThat(e.kind()).isEqualTo(ConnectorException.Kind.DATA));
                // more digits after the point than the column has are rounded, as a SQL cast rounds them
                writer.write(batch(money, new Object[] {3, new BigDecimal("1.005")}));
                writer.flush();
            }
            assertThat(db.strings("SELECT CAST(amount AS VARCHAR) FROM main." + table)).as(mode.id()).containsExactly("1.01");
        }
    }

    @Test
    void aDuplicateKeyAppendedIsADataError() throws Exception {
        try (StreamWriter writer = writer("dupes", PEOPLE, WriteMode.APPEND)) {
            writer.write(batch(PEOPLE, row(1, "a")));
            writer.flush();
            writer.write(batch(PEOPLE, row(1, "again")));
            assertThatThrownBy(writer::flush).isInstanceOfSatisfying(ConnectorException.class,
                    e -> assertThat(e.kind()).isEqualTo(ConnectorException.Kind.DATA));
        }
        assertThat(db.strings("SELECT name FROM main.dupes")).containsExactly("a");
    }

    @Test
    void deleteRemovesRowsByKeyInOrderWithWrites() throws Exception {
        Schema keyed = Schema.of(Field.of("a", LogicalType.INT32, false), Field.of("b", LogicalType.STRING, false),
                Field.of("v", LogicalType.STRING, true));
        StreamId target = new StreamId("main", "keyed");
        try (StreamWriter writer = db.session.openWriter(new WriteRequest(target, keyed, List.of("a", "b"),
                WriteMode.UPSERT), DuckFile.context(target))) {
            writer.write(batch(keyed, new Object[] {1, "x", "1"}, new Object[] {1, "y", "2"}, new Object[] {2, "x", "3"}));
            writer.delete(List.<Object[]>of(new Object[] {1, "y"}, new Object[] {2, "x"}));
            writer.flush();
        }
        assertThat(db.strings("SELECT v FROM main.keyed")).containsExactly("1");
    }

    @Test
    void evolveAddsColumnsToTheTable() throws Exception {
        Schema wider = Schema.of(Field.of("id", LogicalType.INT32, false), Field.of("name", LogicalType.STRING, true),
                Field.of("score", LogicalType.decimal(10, 2), true));
        try (StreamWriter writer = writer("drift", PEOPLE, WriteMode.UPSERT)) {
            writer.write(batch(PEOPLE, row(1, "a")));
            writer.flush();
            writer.evolve(wider);
            writer.write(batch(wider, new Object[] {2, "b", new BigDecimal("7.5")}));
            writer.flush();
        }
        assertThat(db.strings("SELECT id || '|' || name || '|' || COALESCE(CAST(score AS VARCHAR), '-') FROM main.drift"
                + " ORDER BY id")).containsExactly("1|a|-", "2|b|7.50");
    }

    @Test
    void streamsOfOnePipelineWriteTheSameFileInParallelIntoANewSchema() throws Exception {
        // eight writers open at the same moment on a schema that does not exist yet, five times over: DuckDB refuses
        // the second of two transactions creating the same schema, so the session creates it one caller at a time
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 5; round++) {
                String schema = "fresh_" + round;
                CyclicBarrier start = new CyclicBarrier(8);
                List<Future<?>> writers = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    StreamId target = new StreamId(schema, "parallel_" + t);
                    WriteMode mode = t % 2 == 0 ? WriteMode.UPSERT : WriteMode.REPLACE;
                    writers.add(pool.submit(() -> {
                        start.await();
                        try (StreamWriter writer = db.session.openWriter(new WriteRequest(target, PEOPLE, List.of("id"),
                                mode), DuckFile.context(target))) {
                            for (int from = 0; from < 6_000; from += 2_000) {
                                List<Object[]> rows = new ArrayList<>();
                                for (int id = from; id < from + 2_000; id++) {
                                    rows.add(row(id, "n" + id));
                                }
                                writer.write(RecordBatch.of(PEOPLE, rows, null));
                                writer.flush();
                            }
                            writer.complete();
                        }
                        return null;
                    }));
                }
                for (Future<?> writer : writers) {
                    writer.get();
                }
                for (int t = 0; t < 8; t++) {
                    assertThat(db.strings("SELECT count(DISTINCT id) || '/' || count(*) FROM " + schema + ".parallel_" + t))
                            .containsExactly("6000/6000");
                }
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void loadsAHundredThousandRowsQuickly() throws Exception {
        Schema shape = Schema.of(Field.of("id", LogicalType.INT64, false), Field.of("name", LogicalType.STRING, true),
                Field.of("qty", LogicalType.INT32, true), Field.of("price", LogicalType.decimal(12, 2), true),
                Field.of("created_at", LogicalType.TIMESTAMP, true));
        List<Object[]> rows = new ArrayList<>();
        for (long id = 1; id <= 100_000; id++) {
            rows.add(new Object[] {id, "name " + id, (int) (id % 1000), BigDecimal.valueOf(id * 7, 2),
                    LocalDateTime.of(2024, 1, 1, 0, 0).plusSeconds(id)});
        }
        for (WriteMode mode : List.of(WriteMode.APPEND, WriteMode.UPSERT)) {
            String table = "bench_" + mode.id();
            try (StreamWriter writer = writer(table, shape, mode)) {
                long start = System.nanoTime();
                for (int from = 0; from < rows.size(); from += 10_000) {
                    writer.write(RecordBatch.of(shape, rows.subList(from, from + 10_000), null));
                    writer.flush();
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("DuckDB %s: 100000 rows in %.2f s = %.0f rows/s%n", mode.id(), seconds, 100_000 / seconds);
            }
            assertThat(db.strings("SELECT count(*) || ' ' || sum(price) FROM main." + table))
                    .containsExactly("100000 350003500.00");
        }
    }

    private List<String> tablesLike(String pattern) throws Exception {
        return db.strings("SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' AND table_name LIKE '"
                + pattern + "' ORDER BY table_name");
    }

    private StreamWriter writer(String table, Schema schema, WriteMode mode) throws Exception {
        StreamId target = new StreamId("", table);
        return db.session.openWriter(new WriteRequest(target, schema, List.of(schema.field(0).name()), mode),
                DuckFile.context(target));
    }

    private static Object[] row(int id, String name) {
        return new Object[] {id, name};
    }

    private static RecordBatch batch(Schema schema, Object[]... rows) {
        return RecordBatch.of(schema, List.of(rows), null);
    }
}
