package io.arus.connector.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arus.api.connector.ConnectorException;
import io.arus.api.connector.ConnectorException.Kind;
import io.arus.api.connector.ConnectorSession;
import io.arus.api.connector.StreamId;
import io.arus.api.connector.StreamWriter;
import io.arus.api.connector.WriteMode;
import io.arus.api.connector.WriteRequest;
import io.arus.api.record.Changes;
import io.arus.api.record.RecordBatch;
import io.arus.api.type.Field;
import io.arus.api.type.LogicalType;
import io.arus.api.type.Schema;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Write modes, deletes, the raw zone and schema drift against the real server. */
class ClickHouseWriterTest {
    private static final Schema PEOPLE = Schema.of(Field.of("id", LogicalType.INT32, false),
            Field.of("name", LogicalType.STRING, true));

    @RegisterExtension
    static final ClickHouseFixture db = new ClickHouseFixture();

    @Test
    void theSameBatchDeliveredTwiceCollapsesToOneRowPerKey() throws Exception {
        StreamId target = db.table("people_upsert");
        try (StreamWriter writer = writer(target, PEOPLE, WriteMode.UPSERT)) {
            for (int delivery = 0; delivery < 2; delivery++) {
                writer.write(batch(PEOPLE, row(1, "Ada"), row(2, "Grace"), row(3, "Linus")));
                writer.flush();
            }
            writer.write(batch(PEOPLE, row(2, "Grace Hopper"), row(4, "Ken"), row(4, "Ken T.")));
            writer.flush();
        }
        assertThat(db.number("SELECT count() FROM " + db.q("people_upsert"))).isEqualTo(9);
        assertThat(db.number("SELECT count() FROM " + db.q("people_upsert") + " FINAL"))
                .isEqualTo(db.number("SELECT uniqExact(id) FROM " + db.q("people_upsert"))).isEqualTo(4);
        assertThat(db.strings("SELECT id, name FROM " + db.q("people_upsert") + " FINAL ORDER BY id"))
                .containsExactly("1\tAda", "2\tGrace Hopper", "3\tLinus", "4\tKen T.");
        assertThat(db.strings("SELECT engine_full FROM system.tables WHERE database = '" + db.database
                + "' AND name = 'people_upsert'").get(0)).startsWith("ReplacingMergeTree(_arus_version)")
                .contains("ORDER BY id");
    }

    @Test
    void appendInsertsEveryRowAgainIntoAMergeTree() throws Exception {
        try (StreamWriter writer = writer(db.table("appended"), PEOPLE, WriteMode.APPEND)) {
            writer.write(batch(PEOPLE, row(1, "a"), row(1, "a")));
            writer.flush();
            writer.write(batch(PEOPLE, row(1, "a")));
            writer.flush();
        }
        assertThat(db.number("SELECT count() FROM " + db.q("appended"))).isEqualTo(3);
        assertThat(db.strings("SELECT engine FROM system.tables WHERE database = '" + db.database
                + "' AND name = 'appended'")).containsExactly("MergeTree");
        assertThat(db.strings("SELECT name FROM system.columns WHERE database = '" + db.database
                + "' AND table = 'appended'")).containsExactly("id", "name");
    }

    @Test
    void appendWithoutAKeyIsOrderedByNothingAndAppendsIntoATableOfOtherTypes() throws Exception {
        db.sql("CREATE TABLE " + db.q("foreign") + " (id Int64, name String, extra String DEFAULT 'x') "
                + "ENGINE = MergeTree ORDER BY id");
        StreamId target = db.table("foreign");
        try (StreamWriter writer = db.session().openWriter(new WriteRequest(target, PEOPLE, List.of(), WriteMode.APPEND),
                new ClickHouseFixture.Context(target))) {
            writer.write(batch(PEOPLE, row(7, "seven")));
            writer.flush();
        }
        assertThat(db.strings("SELECT id, name, extra FROM " + db.q("foreign"))).containsExactly("7\tseven\tx");
    }

    @Test
    void replaceKeepsTheOldRowsVisibleUntilCompleteThenSwapsAtomically() throws Exception {
        StreamId target = db.table("replaced");
        try (StreamWriter writer = writer(target, PEOPLE, WriteMode.UPSERT)) {
            writer.write(batch(PEOPLE, row(1, "old"), row(2, "old")));
            writer.flush();
        }
        try (StreamWriter writer = writer(target, PEOPLE, WriteMode.REPLACE)) {
            writer.write(batch(PEOPLE, row(3, "new")));
            writer.flush();
            assertThat(db.strings("SELECT name FROM " + db.q("replaced"))).containsExactly("old", "old");
            assertThat(tables("replaced%")).containsExactlyInAnyOrder("replaced", "replaced__arus_staging");
            writer.complete();
        }
        assertThat(db.strings("SELECT id, name FROM " + db.q("replaced") + " FINAL")).containsExactly("3\tnew");
        assertThat(tables("replaced%")).containsExactly("replaced");

        // a replace that never completes leaves the live table alone and its staging table goes
        try (StreamWriter writer = writer(target, PEOPLE, WriteMode.REPLACE)) {
            writer.write(batch(PEOPLE, row(4, "newer")));
            writer.flush();
        }
        assertThat(db.strings("SELECT id, name FROM " + db.q("replaced") + " FINAL")).containsExactly("3\tnew");
        assertThat(tables("replaced%")).containsExactly("replaced");
        // and the swapped-in table takes upserts
        try (StreamWriter writer = writer(target, PEOPLE, WriteMode.UPSERT)) {
            writer.write(batch(PEOPLE, row(3, "upserted")));
            writer.flush();
        }
        assertThat(db.strings("SELECT id, name FROM " + db.q("replaced") + " FINAL")).containsExactly("3\tupserted");
    }

    @Test
    void replaceIntoATableThatDoesNotExistYetRenamesTheStagingTable() throws Exception {
        StreamId target = db.table("fresh_replace");
        try (StreamWriter writer = writer(target, PEOPLE, WriteMode.REPLACE)) {
            writer.write(batch(PEOPLE, row(1, "first")));
            writer.flush();
            assertThat(tables("fresh_replace%")).containsExactly("fresh_replace__arus_staging");
            writer.complete();
        }
        assertThat(db.strings("SELECT name FROM " + db.q("fresh_replace"))).containsExactly("first");
    }

    @Test
    void softDeletesWriteTombstonesThatHideTheKeyInFinalReads() throws Exception {
        Schema keyed = Schema.of(Field.of("a", LogicalType.INT32, false), Field.of("b", LogicalType.STRING, false),
                Field.of("v", LogicalType.STRING, true));
        StreamId target = db.table("keyed");
        try (StreamWriter writer = db.session().openWriter(new WriteRequest(target, keyed, List.of("a", "b"), WriteMode.UPSERT),
                new ClickHouseFixture.Context(target))) {
            writer.write(batch(keyed, new Object[] {1, "x", "1"}, new Object[] {1, "y", "2"}, new Object[] {2, "x", "3"}));
            writer.delete(List.<Object[]>of(new Object[] {1, "y"}, new Object[] {2, "x"}));
            writer.flush();
            // a key deleted and then written again is back
            writer.write(batch(keyed, new Object[] {2, "x", "again"}));
            writer.flush();
        }
        assertThat(db.strings("SELECT a, b, _arus_deleted FROM " + db.q("keyed") + " WHERE _arus_deleted = 1 ORDER BY a"))
                .containsExactly("1\ty\t1", "2\tx\t1");
        assertThat(db.strings("SELECT v FROM " + db.q("keyed") + " FINAL WHERE _arus_deleted = 0 ORDER BY a"))
                .containsExactly("1", "again");
        var profile = db.session().profile(target, List.of("a", "b"), List.of("v"), null);
        assertThat(profile.rowCount()).isEqualTo(2);
        assertThat(profile.distinctKeys()).isEqualTo(2);
    }

    @Test
    void changeCaptureRowsAndDeletesAreVersionedByTheirLogPositionSoAnOlderEventNeverWins() throws Exception {
        Schema changes = Schema.of(Field.of("id", LogicalType.INT32, false), Field.of("name", LogicalType.STRING, true),
                Field.of(Changes.POSITION, LogicalType.INT64, false),
                Field.of(Changes.COMMITTED_AT, LogicalType.TIMESTAMPTZ, true));
        StreamId target = db.table("people_cdc");
        try (StreamWriter writer = writer(target, changes, WriteMode.UPSERT)) {
            writer.write(batch(changes, new Object[] {1, "Ada", 0L, null}, new Object[] {2, "Grace", 0L, null}));
            writer.flush();
            writer.write(batch(changes, new Object[] {1, "Ada L.", 500L, Instant.EPOCH}));
            writer.delete(List.<Object[]>of(new Object[] {2}), new long[] {600L});
            writer.flush();
            // re-delivered older events (a crash before the offset was stored) collapse under the newer versions
            writer.write(batch(changes, new Object[] {1, "Ada", 400L, Instant.EPOCH},
                    new Object[] {2, "Grace", 550L, Instant.EPOCH}));
            writer.flush();
        }
        assertThat(db.strings("SELECT id, name, _arus_version FROM " + db.q("people_cdc")
                + " FINAL WHERE _arus_deleted = 0 ORDER BY id")).containsExactly("1\tAda L.\t500");
        assertThat(db.strings("SELECT _arus_version FROM " + db.q("people_cdc") + " FINAL WHERE id = 2"))
                .containsExactly("600");
    }

    @Test
    void hardDeleteAlsoRemovesTheRowsFromDisk() throws Exception {
        StreamId target = db.table("hard");
        try (ConnectorSession hard = db.open(Map.of("hard_delete", true));
             StreamWriter writer = hard.openWriter(new WriteRequest(target, PEOPLE, List.of("id"), WriteMode.UPSERT),
                     new ClickHouseFixture.Context(target))) {
            writer.write(batch(PEOPLE, row(1, "keep"), row(2, "gone"), row(3, "gone")));
            writer.flush();
            writer.delete(List.<Object[]>of(new Object[] {2}, new Object[] {3}));
            writer.flush();
        }
        db.awaitMutations("hard");
        assertThat(db.strings("SELECT id, name, _arus_deleted FROM " + db.q("hard"))).containsExactly("1\tkeep\t0");
    }

    @Test
    void appendTablesDeleteByMutationBecauseTheyHaveNoTombstones() throws Exception {
        StreamId target = db.table("append_delete");
        try (StreamWriter writer = writer(target, PEOPLE, WriteMode.APPEND)) {
            writer.write(batch(PEOPLE, row(1, "a"), row(2, "b")));
            writer.flush();
            writer.delete(List.<Object[]>of(new Object[] {2}));
        }
        db.awaitMutations("append_delete");
        assertThat(db.strings("SELECT id FROM " + db.q("append_delete"))).containsExactly("1");
    }

    @Test
    void theRawZoneIsAMergeTreeByExtractionTimeThatExpiresOldRows() throws Exception {
        StreamId target = db.table("raw_orders");
        Instant now = Instant.parse("2024-05-20T12:00:00Z");
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        ClickHouseSettings settings = ClickHouseSettings.from(db.config(Map.of("raw_ttl_days", 7)));
        try (ClickHouseServer server = new ClickHouseServer(settings)) {
            try (StreamWriter writer = new ClickHouseWriter(server, new WriteRequest(target, TableLayoutTest.RAW,
                    List.of(), WriteMode.APPEND), new ClickHouseFixture.Context(target), VersionClock.SYSTEM, clock)) {
                writer.write(batch(TableLayoutTest.RAW,
                        new Object[] {"run-1", now.minusSeconds(30L * 86_400), "{\"id\": 1}"},
                        new Object[] {"run-1", now.minusSeconds(8L * 86_400), "{\"id\": 2}"},
                        new Object[] {"run-2", now.minusSeconds(86_400), "{\"id\": 3, \"n\": \"🚀\"}"}));
                writer.flush();
            }
            String ddl = db.strings("SELECT engine_full FROM system.tables WHERE database = '" + db.database
                    + "' AND name = 'raw_orders'").get(0);
            assertThat(ddl).startsWith("MergeTree").contains("PARTITION BY toYYYYMMDD(toDateTime(_arus_extracted_at))")
                    .contains("ORDER BY _arus_extracted_at");
            if (db.version().hasTableTtl()) {
                assertThat(ddl).contains("TTL toDateTime(_arus_extracted_at) + toIntervalDay(7)");
            } else {
                // before TTL (19.6) the next raw writer drops the day partitions past the retention
                var context = new ClickHouseFixture.Context(target);
                new ClickHouseWriter(server, new WriteRequest(target, TableLayoutTest.RAW, List.of(), WriteMode.APPEND),
                        context, VersionClock.SYSTEM, clock).close();
                assertThat(context.lines).containsExactlyInAnyOrder("dropped raw rows of 20240420, older than 7 days",
                        "dropped raw rows of 20240512, older than 7 days");
                assertThat(db.strings("SELECT _arus_data FROM " + db.q("raw_orders"))).containsExactly("{\"id\": 3, \"n\": \"🚀\"}");
            }
        }
        assertThat(db.strings("SELECT name, type FROM system.columns WHERE database = '" + db.database
                + "' AND table = 'raw_orders'")).containsExactly("_arus_run_id\tString",
                "_arus_extracted_at\t" + (db.version().hasDateTime64() ? "DateTime64(6, \\'UTC\\')" : "DateTime(\\'UTC\\')"),
                "_arus_data\tString");
    }

    @Test
    void evolveAddsColumnsWidensTypesAndNamesAnIncompatibleChange() throws Exception {
        StreamId target = db.table("drift");
        Schema wider = Schema.of(Field.of("id", LogicalType.INT32, false), Field.of("name", LogicalType.STRING, true),
                Field.of("score", LogicalType.INT32, true));
        Schema widest = Schema.of(Field.of("id", LogicalType.INT32, false), Field.of("name", LogicalType.STRING, true),
                Field.of("score", LogicalType.decimal(20, 2), true), Field.of("seen", LogicalType.TIMESTAMPTZ, true));
        try (StreamWriter writer = writer(target, PEOPLE, WriteMode.UPSERT)) {
            writer.write(batch(PEOPLE, row(1, "a")));
            writer.flush();
            writer.evolve(wider);
            writer.write(batch(wider, new Object[] {2, "b", 7}));
            writer.flush();
            writer.evolve(widest);
            writer.write(batch(widest, new Object[] {3, "c", new BigDecimal("1.25"), Instant.parse("2024-01-01T00:00:00Z")}));
            writer.flush();
            // an older batch shape still lands: the Decimal column takes the INT32 values
            writer.write(batch(wider, new Object[] {4, "d", 9}));
            writer.flush();

            Schema incompatible = Schema.of(Field.of("id", LogicalType.INT32, false),
                    Field.of("name", LogicalType.STRING, true), Field.of("score", LogicalType.BYTES, true));
            assertThatThrownBy(() -> writer.evolve(incompatible)).isInstanceOfSatisfying(ConnectorException.class, e -> {
                assertThat(e.kind()).isEqualTo(Kind.SCHEMA);
                assertThat(e.getMessage()).isEqualTo(db.database + ".drift: column score is Nullable(Decimal(20, 2)) "
                        + "(decimal(20,2)) and cannot take bytes values; change the column by hand or replace the table");
            });
            Schema widerKey = Schema.of(Field.of("id", LogicalType.INT64, false), Field.of("name", LogicalType.STRING, true));
            assertThatThrownBy(() -> writer.evolve(widerKey)).isInstanceOfSatisfying(ConnectorException.class, e -> {
                assertThat(e.kind()).isEqualTo(Kind.SCHEMA);
                assertThat(e.getMessage()).contains("column id is Int32 (int32) and cannot take int64 values")
                        .contains("sorting key");
            });
            Schema droppedKey = Schema.of(Field.of("name", LogicalType.STRING, true));
            assertThatThrownBy(() -> writer.evolve(droppedKey)).isInstanceOfSatisfying(ConnectorException.class,
                    e -> assertThat(e.getMessage()).contains("drops key column id"));
        }
        assertThat(db.strings("SELECT id, name, score, seen FROM " + db.q("drift") + " FINAL ORDER BY id"))
                .containsExactly("1\ta\t\\N\t\\N", "2\tb\t7.00\t\\N",
                        "3\tc\t1.25\t2024-01-01 00:00:00" + (db.version().hasDateTime64() ? ".000000" : ""),
                        "4\td\t9.00\t\\N");
        assertThat(db.strings("SELECT name, type FROM system.columns WHERE database = '" + db.database
                + "' AND table = 'drift'")).containsExactly("id\tInt32", "name\tNullable(String)",
                "_arus_version\tUInt64", "_arus_deleted\tUInt8", "score\tNullable(Decimal(20, 2))",
                "seen\tNullable(" + (db.version().hasDateTime64() ? "DateTime64(6, \\'UTC\\')" : "DateTime(\\'UTC\\')") + ")");
    }

    @Test
    void aRefusedValueLeavesNothingOfItsBatchAndTheWriterGoesOn() throws Exception {
        Schema money = Schema.of(Field.of("id", LogicalType.INT32, false), Field.of("amount", LogicalType.decimal(5, 2), true),
                Field.of("name", LogicalType.STRING, false), Field.of("day", LogicalType.DATE, true));
        StreamId target = db.table("money");
        try (StreamWriter writer = writer(target, money, WriteMode.UPSERT)) {
            writer.write(batch(money, new Object[] {1, new BigDecimal("123.45"), "a", null}));
            assertThatThrownBy(() -> writer.write(batch(money, new Object[] {2, new BigDecimal("1.5"), "b", null},
                    new Object[] {3, new BigDecimal("1234.5"), "c", null})))
                    .isInstanceOfSatisfying(ConnectorException.class, e -> {
                        assertThat(e.kind()).isEqualTo(Kind.DATA);
                        assertThat(e.getMessage()).contains("column amount: 1234.5 does not fit Decimal(5, 2) (row 2 of 2)");
                    });
            assertThatThrownBy(() -> writer.write(batch(money, new Object[] {4, null, null, null})))
                    .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.getMessage())
                            .contains("column name: NULL in a column that is not Nullable"));
            assertThatThrownBy(() -> writer.write(batch(money, new Object[] {5, null, "e", LocalDate.of(1850, 1, 1)})))
                    .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.kind()).isEqualTo(Kind.DATA));
            writer.write(batch(money, new Object[] {6, new BigDecimal("0.005"), "f", LocalDate.of(2024, 2, 29)}));
            writer.flush();
        }
        assertThat(db.strings("SELECT id, amount, name, day FROM " + db.q("money") + " ORDER BY id"))
                .containsExactly("1\t123.45\ta\t\\N", "6\t0.01\tf\t2024-02-29");
    }

    @Test
    void theBatchesOfAFlushStreamIntoOneInsertThatClickHouseStoresAsOnePart() throws Exception {
        StreamId target = db.table("streamed");
        try (StreamWriter writer = writer(target, PEOPLE, WriteMode.APPEND)) {
            for (int b = 0; b < 5; b++) {
                writer.write(batch(PEOPLE, manyRows(b * 20_000, 20_000)));
            }
            // the INSERT is under way before the flush: the batches were sent as they were encoded (ClickHouse
            // 18.16 reads a request body a MiB at a time; these 100,000 rows are about 1.5 MiB)
            assertThat(awaitInserting("streamed", 1)).isEqualTo(1);
            writer.flush();
            assertThat(inserting("streamed")).isZero();
            writer.write(batch(PEOPLE, manyRows(100_000, 10)));
            writer.flush();
        }
        assertThat(db.number("SELECT count() FROM " + db.q("streamed"))).isEqualTo(100_010);
        assertThat(db.number("SELECT uniqExact(id) FROM " + db.q("streamed"))).isEqualTo(100_010);
        // one part per flush, each of one insert (a merged part spans several block numbers)
        assertThat(db.strings("SELECT rows FROM system.parts WHERE database = '" + db.database + "' AND table = "
                + "'streamed' AND active AND min_block_number = max_block_number ORDER BY rows")).containsExactly("10", "100000");
    }

    @Test
    void aWriterClosedBeforeItsFlushBreaksTheInsertOffAndClickHouseKeepsNoneOfItsRows() throws Exception {
        StreamId target = db.table("broken_off");
        try (StreamWriter writer = writer(target, PEOPLE, WriteMode.APPEND)) {
            writer.write(batch(PEOPLE, manyRows(0, 100)));
            writer.flush();
            writer.write(batch(PEOPLE, manyRows(100, 50_000)));
            writer.write(batch(PEOPLE, manyRows(50_100, 50_000)));
            assertThat(awaitInserting("broken_off", 1)).isEqualTo(1);
            // closed without a flush, as after a failure elsewhere in the run
        }
        assertThat(awaitInserting("broken_off", 0)).isZero();
        assertThat(db.number("SELECT count() FROM " + db.q("broken_off"))).isEqualTo(100);
        assertThat(db.number("SELECT max(id) FROM " + db.q("broken_off"))).isEqualTo(99);
    }

    /** @return how many INSERTs into the table the server runs, once that is the number expected or after 10 s */
    private long awaitInserting(String table, long expected) throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        long running = inserting(table);
        while (running != expected && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
            running = inserting(table);
        }
        return running;
    }

    /** @return how many INSERTs into the table the server is running now */
    private long inserting(String table) throws Exception {
        return db.number("SELECT count() FROM system.processes WHERE query LIKE 'INSERT INTO %" + table + "%'"
                + " AND query NOT LIKE '%system.processes%'");
    }

    private static Object[][] manyRows(int first, int count) {
        Object[][] rows = new Object[count][];
        for (int i = 0; i < count; i++) {
            rows[i] = row(first + i, "name " + (first + i));
        }
        return rows;
    }

    @Test
    void upsertRefusesATableThatCannotCollapseRows() throws Exception {
        db.sql("CREATE TABLE " + db.q("plain") + " (id Int32, name Nullable(String)) ENGINE = MergeTree ORDER BY id");
        assertThatThrownBy(() -> writer(db.table("plain"), PEOPLE, WriteMode.UPSERT))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.CONFIGURATION);
                    assertThat(e.getMessage()).contains("MergeTree table without _arus_version");
                });
    }

    @Test
    void namesFromTheSourceAreQuotedWhateverTheyHoldAndNamespacesAreCreated() throws Exception {
        String database = db.database + "_odd";
        Schema odd = Schema.of(Field.of("we`ird id", LogicalType.INT32, false), Field.of("it's", LogicalType.STRING, true));
        StreamId target = new StreamId(database, "tab`le; DROP");
        try {
            try (StreamWriter writer = db.session().openWriter(new WriteRequest(target, odd, List.of("we`ird id"),
                    WriteMode.UPSERT), new ClickHouseFixture.Context(target))) {
                writer.write(batch(odd, new Object[] {1, "'; DROP TABLE x; --"}));
                writer.flush();
                writer.delete(List.<Object[]>of(new Object[] {2}));
            }
            assertThat(db.strings("SELECT `it's` FROM `" + database + "`.`tab\\`le; DROP` FINAL WHERE _arus_deleted = 0"))
                    .containsExactly("\\'; DROP TABLE x; --");
        } finally {
            db.sql("DROP DATABASE IF EXISTS `" + database + "`");
        }
    }

    private List<String> tables(String like) throws Exception {
        return db.strings("SELECT name FROM system.tables WHERE database = '" + db.database + "' AND name LIKE '"
                + like.replace("_", "\\\\_") + "' ORDER BY name");
    }

    private static StreamWriter writer(StreamId target, Schema schema, WriteMode mode) throws Exception {
        return db.session().openWriter(new WriteRequest(target, schema, List.of(schema.field(0).name()), mode),
                new ClickHouseFixture.Context(target));
    }

    static Object[] row(int id, String name) {
        return new Object[] {id, name};
    }

    static RecordBatch batch(Schema schema, Object[]... rows) {
        return RecordBatch.of(schema, List.of(rows), null);
    }
}
