package io.arus.connector.jdbc;

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
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Write modes, the DATA-error contract, schema drift and deletes against the real server: every SQL destination
 * passes these. A dialect supplies only the SQL that checks the results behind the connector's back.
 */
public abstract class WriterContract extends SessionContract {
    private static final Schema PEOPLE = Schema.of(Field.of("id", LogicalType.INT32, false),
            Field.of("name", LogicalType.STRING, true));

    /** The product name the throughput line prints. */
    protected abstract String product();

    /** An expression joining the given expressions as text. */
    protected abstract String concat(String... expressions);

    /** An expression rendering a value as text. */
    protected abstract String text(String expression);

    /** A query for the names of the tables in this class's namespace that match a LIKE pattern. */
    protected abstract String tablesLike(String pattern);

    /** A query for the declared column types of a table in this class's namespace, in column order. */
    protected abstract String columnTypes(String table);

    /** The column types {@link #columnTypes} shows after the drift test widened id, name, score and added seen. */
    protected abstract List<String> driftedColumnTypes();

    /** An expression extracting a top-level JSON member as text. */
    protected abstract String jsonMember(String column, String member);

    @Test
    void upsertingTheSameBatchTwiceLeavesOneRowPerKeyWithTheLatestValues() throws Exception {
        StreamId target = db.table("people_upsert");
        try (StreamWriter writer = writer(target, PEOPLE, WriteMode.UPSERT)) {
            writer.write(batch(PEOPLE, row(1, "Ada"), row(2, "Grace")));
            writer.flush();
            writer.write(batch(PEOPLE, row(1, "Ada"), row(2, "Grace")));
            writer.flush();
            writer.write(batch(PEOPLE, row(2, "Grace Hopper"), row(3, "Linus"), row(3, "Linus T.")));
            writer.flush();
        }
        assertThat(strings("SELECT " + concat("id", "':'", "name") + " FROM " + db.q("people_upsert") + " ORDER BY id"))
                .containsExactly("1:Ada", "2:Grace Hopper", "3:Linus T.");
    }

    @Test
    void upsertsOfNewKeysIntoATableThatHeldNoneAreInsertedUntilABatchIsNotMarked() throws Exception {
        StreamId target = db.table("people_new_keys");
        try (StreamWriter writer = writer(target, PEOPLE, WriteMode.UPSERT)) {
            // the promise broken on purpose: only a plain insert refuses the second 1 (a merge would keep one)
            writer.write(batch(PEOPLE, row(1, "Ada"), row(1, "Ada again")).withNewKeys());
            assertThatThrownBy(writer::flush).isInstanceOf(ConnectorException.class);
            writer.write(batch(PEOPLE, row(1, "Ada"), row(2, "Grace")).withNewKeys());
            writer.flush();
            // a batch without the mark is merged, and so is every batch after it
            writer.write(batch(PEOPLE, row(2, "Grace Hopper"), row(3, "Linus")));
            writer.flush();
            writer.write(batch(PEOPLE, row(3, "Linus T."), row(4, "Ken")).withNewKeys());
            writer.flush();
        }
        assertThat(strings("SELECT " + concat("id", "':'", "name") + " FROM " + db.q("people_new_keys") + " ORDER BY id"))
                .containsExactly("1:Ada", "2:Grace Hopper", "3:Linus T.", "4:Ken");
        // a table that holds rows when the writer opens: marked batches are merged
        try (StreamWriter writer = writer(target, PEOPLE, WriteMode.UPSERT)) {
            writer.write(batch(PEOPLE, row(4, "Ken T."), row(5, "Barbara")).withNewKeys());
            writer.flush();
        }
        assertThat(strings("SELECT " + concat("id", "':'", "name") + " FROM " + db.q("people_new_keys") + " ORDER BY id"))
                .containsExactly("1:Ada", "2:Grace Hopper", "3:Linus T.", "4:Ken T.", "5:Barbara");
    }

    @Test
    void textOfAnyAlphabetAndLengthArrivesAsItWas() throws Exception {
        String longText = "x".repeat(300_000) + "é";
        List<String> names = List.of("plain ascii", "", "Zoë Ångström", "日本語のテキスト", "mixed 🚀 emoji", "tab\tand\nnewline",
                "a".repeat(70_000), longText);
        Object[][] rows = new Object[names.size()][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = row(i + 1, names.get(i));
        }
        try (StreamWriter writer = writer(db.table("texts"), PEOPLE, WriteMode.UPSERT)) {
            writer.write(batch(PEOPLE, rows));
            writer.flush();
        }
        assertThat(strings("SELECT name FROM " + db.q("texts") + " ORDER BY id")).containsExactlyElementsOf(names);
    }

    @Test
    void appendInsertsEveryRowIntoAnExistingTableOfOtherTypes() throws Exception {
        db.sql("CREATE TABLE " + db.q("append_target") + " (id bigint, name varchar(100), extra text DEFAULT 'x')");
        try (StreamWriter writer = writer(db.table("append_target"), PEOPLE, WriteMode.APPEND)) {
            writer.write(batch(PEOPLE, row(1, "a"), row(1, "a")));
            writer.flush();
        }
        assertThat(strings("SELECT " + concat("id", "name", "extra") + " FROM " + db.q("append_target"))).containsExactly("1ax", "1ax");
    }

    @Test
    void replaceSwapsTheNewTableInOnlyOnComplete() throws Exception {
        StreamId target = db.table("replaced");
        try (StreamWriter writer = writer(target, PEOPLE, WriteMode.UPSERT)) {
            writer.write(batch(PEOPLE, row(1, "old"), row(2, "old")));
            writer.flush();
        }
        try (StreamWriter writer = writer(target, PEOPLE, WriteMode.REPLACE)) {
            writer.write(batch(PEOPLE, row(3, "new")));
            writer.flush();
            assertThat(strings("SELECT name FROM " + db.q("replaced"))).containsExactly("old", "old");
            writer.complete();
        }
        assertThat(strings("SELECT " + concat("id", "name") + " FROM " + db.q("replaced"))).containsExactly("3new");
        assertThat(strings(tablesLike("replaced%"))).containsExactly("replaced");

        // a second replace works on the swapped-in table (its key constraint got the table's name back)
        try (StreamWriter writer = writer(target, PEOPLE, WriteMode.REPLACE)) {
            writer.write(batch(PEOPLE, row(4, "newer")));
            writer.flush();
            // closed without complete(): the run failed, the live table stays and the staging table goes
        }
        assertThat(strings("SELECT " + concat("id", "name") + " FROM " + db.q("replaced"))).containsExactly("3new");
        assertThat(strings(tablesLike("replaced%"))).containsExactly("replaced");
        try (StreamWriter writer = writer(target, PEOPLE, WriteMode.UPSERT)) {
            writer.write(batch(PEOPLE, row(3, "upserted")));
            writer.flush();
        }
        assertThat(strings("SELECT " + concat("id", "name") + " FROM " + db.q("replaced"))).containsExactly("3upserted");
    }

    @Test
    void lanesLoadAReplacesStagingTableAtOnceAndTheSwapTakesAllTheirRows() throws Exception {
        StreamId target = db.table("laned");
        try (StreamWriter writer = writer(target, PEOPLE, WriteMode.UPSERT)) {
            writer.write(batch(PEOPLE, row(1, "old")));
            writer.flush();
            assertThat(writer.lane()).as("an upsert loads through one connection").isNull();
        }
        try (StreamWriter writer = writer(target, PEOPLE, WriteMode.REPLACE)) {
            StreamWriter first = writer.lane();
            StreamWriter second = writer.lane();
            assertThat(first).isNotNull();
            // two lanes and the writer itself load at the same time, each in its own transaction
            List<Thread> threads = new ArrayList<>();
            List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
            StreamWriter[] writers = {writer, first, second};
            for (int w = 0; w < writers.length; w++) {
                StreamWriter lane = writers[w];
                int base = w * 1_000;
                threads.add(new Thread(() -> {
                    try {
                        for (int b = 0; b < 10; b++) {
                            Object[][] rows = new Object[50][];
                            for (int i = 0; i < rows.length; i++) {
                                rows[i] = row(base + b * 50 + i + 1, "lane " + base);
                            }
                            lane.write(batch(PEOPLE, rows));
                            lane.flush();
                        }
                    } catch (Exception | AssertionError e) {
                        failures.add(e);
                    }
                }));
            }
            threads.forEach(Thread::start);
            for (Thread thread : threads) {
                thread.join();
            }
            assertThat(failures).isEmpty();
            // a lane refuses a bad batch like the writer does, leaving nothing of it, and goes on
            db.sql("ALTER TABLE " + db.q(stagingOf("laned")) + " ADD CONSTRAINT short_name CHECK (length(name) < 20)");
            first.write(batch(PEOPLE, row(9_001, "fine"), row(9_002, "a name much too long for it")));
            assertThatThrownBy(first::flush).isInstanceOfSatisfying(ConnectorException.class,
                    e -> assertThat(e.kind()).isEqualTo(ConnectorException.Kind.DATA));
            first.write(batch(PEOPLE, row(9_001, "fine")));
            first.flush();
            assertThatThrownBy(first::complete).isInstanceOf(IllegalStateException.class);
            first.close();
            assertThat(strings("SELECT name FROM " + db.q("laned"))).as("the live table until the swap")
                    .containsExactly("old");
            // the second lane is still open: complete() closes it before it swaps
            writer.complete();
        }
        assertThat(strings("SELECT " + text("count(*)") + " FROM " + db.q("laned"))).containsExactly("1501");
        assertThat(strings("SELECT " + text("count(DISTINCT id)") + " FROM " + db.q("laned"))).containsExactly("1501");
        assertThat(strings(tablesLike("laned%"))).containsExactly("laned");

        // a failed run's lanes leave the live table as it was, and the staging table goes with the writer
        try (StreamWriter writer = writer(target, PEOPLE, WriteMode.REPLACE)) {
            StreamWriter lane = writer.lane();
            lane.write(batch(PEOPLE, row(1, "never swapped")));
            lane.flush();
            lane.close();
        }
        assertThat(strings("SELECT " + text("count(*)") + " FROM " + db.q("laned"))).containsExactly("1501");
        assertThat(strings(tablesLike("laned%"))).containsExactly("laned");
    }

    @Test
    void aValueTooLongLeavesNothingOfItsBatchAndTheNextBatchStillWrites() throws Exception {
        db.sql("CREATE TABLE " + db.q("short_names") + " (id int PRIMARY KEY, name varchar(5))");
        try (StreamWriter writer = writer(db.table("short_names"), PEOPLE, WriteMode.UPSERT)) {
            writer.write(batch(PEOPLE, row(1, "ok"), row(2, "much too long"), row(3, "fine")));
            assertThatThrownBy(writer::flush).isInstanceOfSatisfying(ConnectorException.class,
                    e -> assertThat(e.kind()).isEqualTo(ConnectorException.Kind.DATA));
            assertThat(strings("SELECT name FROM " + db.q("short_names"))).isEmpty();
            // the engine bisects: the good halves go through on the same writer
            writer.write(batch(PEOPLE, row(1, "ok")));
            writer.flush();
            writer.write(batch(PEOPLE, row(3, "fine")));
            writer.flush();
        }
        assertThat(strings("SELECT name FROM " + db.q("short_names") + " ORDER BY id")).containsExactly("ok", "fine");
    }

    @Test
    void aNotNullViolationLeavesNothingOfItsBatch() throws Exception {
        Schema strict = Schema.of(Field.of("id", LogicalType.INT32, false), Field.of("name", LogicalType.STRING, false));
        try (StreamWriter writer = writer(db.table("strict_names"), strict, WriteMode.APPEND)) {
            writer.write(batch(strict, row(1, "a"), row(2, null)));
            assertThatThrownBy(writer::flush).isInstanceOfSatisfying(ConnectorException.class,
                    e -> assertThat(e.kind()).isEqualTo(ConnectorException.Kind.DATA));
        }
        assertThat(strings("SELECT name FROM " + db.q("strict_names"))).isEmpty();
    }

    @Test
    void aNumericOverflowIsADataError() throws Exception {
        Schema money = Schema.of(Field.of("id", LogicalType.INT32, false), Field.of("amount", LogicalType.decimal(5, 2), true));
        try (StreamWriter writer = writer(db.table("money"), money, WriteMode.UPSERT)) {
            writer.write(batch(money, new Object[] {1, new BigDecimal("123.45")}, new Object[] {2, new BigDecimal("1234.5")}));
            assertThatThrownBy(writer::flush).isInstanceOfSatisfying(ConnectorException.class,
                    e -> assertThat(e.kind()).isEqualTo(ConnectorException.Kind.DATA));
        }
        assertThat(strings("SELECT " + text("amount") + " FROM " + db.q("money"))).isEmpty();
    }

    @Test
    void evolveAddsColumnsWidensTypesAndRefusesNarrowing() throws Exception {
        StreamId target = db.table("drift");
        Schema wider = Schema.of(Field.of("id", LogicalType.INT32, false), Field.of("name", LogicalType.STRING, true),
                Field.of("score", LogicalType.INT32, true));
        Schema widest = Schema.of(Field.of("id", LogicalType.INT64, false), Field.of("name", LogicalType.STRING, true),
                Field.of("score", LogicalType.decimal(20, 2), true), Field.of("seen", LogicalType.TIMESTAMPTZ, true));
        try (StreamWriter writer = writer(target, PEOPLE, WriteMode.UPSERT)) {
            writer.write(batch(PEOPLE, row(1, "a")));
            writer.flush();
            writer.evolve(wider);
            writer.write(batch(wider, new Object[] {2, "b", 7}));
            writer.flush();
            writer.evolve(widest);
            writer.write(batch(widest, new Object[] {5_000_000_000L, "c", new BigDecimal("1.25"),
                    Instant.parse("2024-01-01T00:00:00Z")}));
            writer.flush();
            Schema longerName = Schema.of(Field.of("id", LogicalType.INT64, false),
                    new Field("name", LogicalType.STRING, true, "character varying(500)"),
                    Field.of("score", LogicalType.decimal(20, 2), true), Field.of("seen", LogicalType.TIMESTAMPTZ, true));
            writer.evolve(longerName);
            Schema incompatible = Schema.of(Field.of("id", LogicalType.INT64, false),
                    Field.of("name", LogicalType.STRING, true), Field.of("score", LogicalType.BYTES, true));
            assertThatThrownBy(() -> writer.evolve(incompatible)).isInstanceOfSatisfying(ConnectorException.class,
                    e -> assertThat(e.kind()).isEqualTo(ConnectorException.Kind.SCHEMA));
            Schema droppedKey = Schema.of(Field.of("name", LogicalType.STRING, true));
            assertThatThrownBy(() -> writer.evolve(droppedKey)).isInstanceOfSatisfying(ConnectorException.class,
                    e -> assertThat(e.kind()).isEqualTo(ConnectorException.Kind.SCHEMA));
        }
        assertThat(strings("SELECT " + concat("id", "'|'", "name", "'|'", "COALESCE(" + text("score") + ", '-')")
                + " FROM " + db.q("drift") + " ORDER BY id")).containsExactly("1|a|-", "2|b|7.00", "5000000000|c|1.25");
        assertThat(strings(columnTypes("drift"))).containsExactlyElementsOf(driftedColumnTypes());
    }

    @Test
    void evolveLengthensABoundedTextColumnWhenTheSourceSaysItIsLonger() throws Exception {
        db.sql("CREATE TABLE " + db.q("narrow") + " (id int PRIMARY KEY, name varchar(5))");
        try (StreamWriter writer = writer(db.table("narrow"), PEOPLE, WriteMode.UPSERT)) {
            writer.evolve(Schema.of(Field.of("id", LogicalType.INT32, false),
                    new Field("name", LogicalType.STRING, true, "varchar(40)")));
            writer.write(batch(PEOPLE, row(1, "longer than five")));
            writer.flush();
        }
        assertThat(strings("SELECT name FROM " + db.q("narrow"))).containsExactly("longer than five");
    }

    @Test
    void deleteRemovesRowsByKeyInOrderWithWrites() throws Exception {
        Schema keyed = Schema.of(Field.of("a", LogicalType.INT32, false), Field.of("b", LogicalType.STRING, false),
                Field.of("v", LogicalType.STRING, true));
        try (StreamWriter writer = session.openWriter(new WriteRequest(db.table("keyed"), keyed, List.of("a", "b"),
                WriteMode.UPSERT), DatabaseFixture.context(db.table("keyed")))) {
            writer.write(batch(keyed, new Object[] {1, "x", "1"}, new Object[] {1, "y", "2"}, new Object[] {2, "x", "3"}));
            writer.delete(List.<Object[]>of(new Object[] {1, "y"}, new Object[] {2, "x"}));
            writer.flush();
        }
        assertThat(strings("SELECT v FROM " + db.q("keyed"))).containsExactly("1");
    }

    @Test
    void rawZoneRowsWithJsonAppend() throws Exception {
        Schema raw = Schema.of(Field.of("_arus_run_id", LogicalType.STRING, false),
                Field.of("_arus_extracted_at", LogicalType.TIMESTAMPTZ, false), Field.of("_arus_data", LogicalType.JSON, true));
        try (StreamWriter writer = writer(db.table("raw_orders"), raw, WriteMode.APPEND)) {
            writer.write(batch(raw, new Object[] {"run-1", Instant.parse("2024-05-01T00:00:00Z"), "{\"id\": 1, \"n\": \"🚀\"}"}));
            writer.flush();
        }
        assertThat(strings("SELECT " + jsonMember("_arus_data", "n") + " FROM " + db.q("raw_orders"))).containsExactly("🚀");
    }

    @Test
    void copiesAHundredThousandRowsQuickly() throws Exception {
        Schema shape = Schema.of(Field.of("id", LogicalType.INT64, false), Field.of("name", LogicalType.STRING, true),
                Field.of("email", LogicalType.STRING, true), Field.of("qty", LogicalType.INT32, true),
                Field.of("price", LogicalType.decimal(12, 2), true), Field.of("created_at", LogicalType.TIMESTAMP, true),
                Field.of("note", LogicalType.STRING, true));
        List<Object[]> rows = new ArrayList<>();
        for (long id = 1; id <= 100_000; id++) {
            rows.add(new Object[] {id, "name " + id, "user" + id + "@example.com", (int) (id % 1000),
                    BigDecimal.valueOf(id * 7, 2), LocalDateTime.of(2024, 1, 1, 0, 0).plusSeconds(id),
                    id % 10 == 0 ? null : "note"});
        }
        for (WriteMode mode : List.of(WriteMode.APPEND, WriteMode.UPSERT)) {
            String name = "bench_" + mode.id();
            try (StreamWriter writer = writer(db.table(name), shape, mode)) {
                long start = System.nanoTime();
                for (int from = 0; from < rows.size(); from += 10_000) {
                    writer.write(batch(shape, rows.subList(from, from + 10_000).toArray(new Object[0][])));
                    writer.flush();
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("%s %s: 100000 rows in %.2f s = %.0f rows/s%n", product(), mode.id(), seconds,
                        100_000 / seconds);
            }
            assertThat(strings("SELECT " + text("count(*)") + " FROM " + db.q(name))).containsExactly("100000");
        }
    }

    /** The name of a REPLACE's staging table for {@code table}, as the writer's DDL makes it. */
    private String stagingOf(String table) throws Exception {
        List<String> tables = strings(tablesLike(table + "%"));
        return tables.stream().filter(name -> !name.equals(table)).findFirst().orElseThrow(
                () -> new AssertionError("no staging table of " + table + " in " + tables));
    }

    private StreamWriter writer(StreamId target, Schema schema, WriteMode mode) throws Exception {
        return session.openWriter(new WriteRequest(target, schema, List.of(schema.field(0).name()), mode),
                DatabaseFixture.context(target));
    }

    private static Object[] row(int id, String name) {
        return new Object[] {id, name};
    }

    private static RecordBatch batch(Schema schema, Object[]... rows) {
        return RecordBatch.of(schema, List.of(rows), null);
    }
}
