package io.arus.connector.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arus.api.connector.ConnectorException;
import io.arus.api.connector.ConnectorSession;
import io.arus.api.connector.ReadRequest;
import io.arus.api.connector.Split;
import io.arus.api.connector.StreamId;
import io.arus.api.connector.StreamReader;
import io.arus.api.connector.SyncMode;
import io.arus.api.record.Changes;
import io.arus.api.record.Offset;
import io.arus.api.record.RecordBatch;
import io.arus.connector.jdbc.DatabaseFixture;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Change capture from the test MariaDB's binlog (ROW, full row metadata; scripts/test-services.sh), read as the
 * replication user arus_cdc.
 */
class MySqlChangeCaptureTest {
    private static final String COLUMNS = "id INT PRIMARY KEY, name VARCHAR(40), amount DECIMAL(10,2),"
            + " at_ts TIMESTAMP(6) NULL, at_dt DATETIME(6), day DATE, tm TIME(3), flag TINYINT(1), tiny TINYINT UNSIGNED,"
            + " small SMALLINT UNSIGNED, medium MEDIUMINT, big BIGINT UNSIGNED, whole INT UNSIGNED, ratio DOUBLE,"
            + " f FLOAT, code CHAR(4), kind ENUM('a','b','it''s'), tags SET('x','y','z'), bits BIT(12), bin BINARY(4),"
            + " raw VARBINARY(20), note TEXT, payload BLOB, yr YEAR, doc JSON, latin VARCHAR(10) CHARACTER SET latin1";

    private static MyFixture db;
    private static ConnectorSession session;

    @BeforeAll
    static void open() throws Exception {
        db = new MyFixture();
        session = db.open(Map.of("username", "arus_cdc"));
    }

    @AfterAll
    static void close() throws Exception {
        session.close();
        db.close();
    }

    @Test
    void snapshotUnderAConcurrentWriterThenStreamedChangesEqualTheTable() throws Exception {
        db.sql("CREATE TABLE " + db.q("orders") + " (" + COLUMNS + ")");
        for (int id = 1; id <= 2000; id += 100) {
            StringBuilder insert = new StringBuilder("INSERT INTO " + db.q("orders") + " VALUES ");
            for (int i = id; i < id + 100; i++) {
                insert.append(i == id ? "" : ", ").append(values(i, "s" + i));
            }
            db.sql(insert.toString());
        }
        StreamId id = db.table("orders");
        Map<Object, Object[]> applied = new TreeMap<>();
        Map<Object, Long> positions = new HashMap<>();
        AtomicBoolean writing = new AtomicBoolean(true);
        CompletableFuture<Void> writer;
        try (StreamReader reader = session.openReader(cdc(id, null, true, 300), Split.WHOLE,
                DatabaseFixture.context(id))) {
            RecordBatch first = reader.poll();
            assertThat(first.rows()).hasSize(300).allMatch(row -> op(first, row).equals(Changes.SNAPSHOT));
            apply(first, applied, positions);
            // the writer changes the table while the rest of the snapshot is read: the snapshot must not see it,
            // the stream must
            writer = CompletableFuture.runAsync(() -> write(writing));
            Thread.sleep(300);
            RecordBatch batch;
            int snapshotBatches = 1;
            while (!(batch = reader.poll()).isEmpty() && op(batch, batch.rows().get(0)).equals(Changes.SNAPSHOT)) {
                RecordBatch snapshotBatch = batch;
                assertThat(batch.rows()).allMatch(row -> op(snapshotBatch, row).equals(Changes.SNAPSHOT));
                assertThat(batch.offsetAfter()).isNull();
                apply(batch, applied, positions);
                snapshotBatches++;
            }
            assertThat(snapshotBatches).isEqualTo(7);
            assertThat(applied).hasSize(2000);
            // the handover: no snapshot rows, the stream's start position as offset
            assertThat(batch.isEmpty()).isTrue();
            assertThat(batch.offsetAfter().get("phase")).isEqualTo("stream");
            assertThat(batch.offsetAfter().get("gtid")).asString().matches("\\d+-\\d+-\\d+.*");
            Thread.sleep(500);
            writing.set(false);
            writer.get();
            int changes = 0;
            long deadline = System.currentTimeMillis() + 30_000;
            Map<Object, Object[]> expected = table(id);
            while (!equal(expected, applied) && System.currentTimeMillis() < deadline) {
                RecordBatch changed = reader.poll();
                assertThat(changed).isNotNull();
                assertThat(changed.rows()).noneMatch(row -> op(changed, row).equals(Changes.SNAPSHOT));
                assertThat(changed.offsetAfter()).isNotNull();
                changes += changed.size();
                apply(changed, applied, positions);
            }
            assertThat(changes).isGreaterThan(500);
            assertThat(applied.keySet()).isEqualTo(expected.keySet());
            for (Object key : expected.keySet()) {
                assertThat(applied.get(key)).as("row " + key).isEqualTo(expected.get(key));
            }
        }
    }

    @Test
    void boundedReadEndsAndAResumeRedeliversNothingBeforeItsOffset() throws Exception {
        db.sql("CREATE TABLE " + db.q("items") + " (id INT PRIMARY KEY, name VARCHAR(20))",
                "INSERT INTO " + db.q("items") + " VALUES (1, 'one'), (2, 'two')");
        StreamId id = db.table("items");
        List<RecordBatch> first = drain(cdc(id, null, false, 100));
        assertThat(first.stream().flatMap(b -> b.rows().stream()).toList()).hasSize(2);
        Offset afterSnapshot = first.get(first.size() - 1).offsetAfter();
        assertThat(afterSnapshot.get("gtid")).isNotNull();

        db.sql("INSERT INTO " + db.q("items") + " VALUES (3, 'three')",
                "UPDATE " + db.q("items") + " SET name = 'uno' WHERE id = 1",
                "DELETE FROM " + db.q("items") + " WHERE id = 2");
        List<RecordBatch> second = drain(cdc(id, afterSnapshot, false, 100));
        assertThat(changes(second)).containsExactly("insert 3 three", "update 1 uno", "delete 2 two");
        Offset afterChanges = second.get(second.size() - 1).offsetAfter();

        db.sql("INSERT INTO " + db.q("items") + " VALUES (4, 'four')");
        assertThat(changes(drain(cdc(id, afterChanges, false, 100)))).containsExactly("insert 4 four");
        // without its GTID the offset resumes at the same file and position
        Map<String, Object> filePosition = new LinkedHashMap<>(afterChanges.values());
        filePosition.remove("gtid");
        assertThat(changes(drain(cdc(id, Offset.of(filePosition), false, 100)))).containsExactly("insert 4 four");
        // nothing new: a bounded read from the end ends at once
        Offset end = drain(cdc(id, afterChanges, false, 100)).stream().map(RecordBatch::offsetAfter)
                .reduce((a, b) -> b).orElse(afterChanges);
        assertThat(changes(drain(cdc(id, end, false, 100)))).isEmpty();
        // a new binlog file begins with events of no transaction: a bounded read still reaches the end it noted
        db.sql("FLUSH BINARY LOGS");
        List<RecordBatch> rotated = drain(cdc(id, end, false, 100));
        assertThat(changes(rotated)).isEmpty();
        db.sql("INSERT INTO " + db.q("items") + " VALUES (5, 'five')");
        assertThat(changes(drain(cdc(id, end, false, 100)))).containsExactly("insert 5 five");
    }

    @Test
    void aChangedKeyIsADeleteOfTheOldKeyAndAnInsertOfTheNew() throws Exception {
        db.sql("CREATE TABLE " + db.q("moved") + " (id INT PRIMARY KEY, name VARCHAR(20))",
                "INSERT INTO " + db.q("moved") + " VALUES (1, 'a')");
        StreamId id = db.table("moved");
        List<RecordBatch> snapshot = drain(cdc(id, null, false, 100));
        Offset offset = snapshot.get(snapshot.size() - 1).offsetAfter();
        db.sql("UPDATE " + db.q("moved") + " SET id = 5 WHERE id = 1");
        assertThat(changes(drain(cdc(id, offset, false, 100)))).containsExactly("delete 1 a", "insert 5 a");
    }

    @Test
    void followingReaderReturnsEmptyBatchesWhenIdleAndWakesUp() throws Exception {
        db.sql("CREATE TABLE " + db.q("idle") + " (id INT PRIMARY KEY)");
        StreamId id = db.table("idle");
        try (StreamReader reader = session.openReader(cdc(id, null, true, 100), Split.WHOLE,
                DatabaseFixture.context(id))) {
            assertThat(reader.poll().offsetAfter()).isNotNull(); // the handover
            long start = System.nanoTime();
            RecordBatch idle = reader.poll();
            assertThat(idle).isNotNull();
            assertThat(idle.isEmpty()).isTrue();
            assertThat((System.nanoTime() - start) / 1_000_000).isBetween(500L, 2_500L);
            assertThat(reader.bytesBehind()).isGreaterThanOrEqualTo(0);
            CompletableFuture.runAsync(() -> {
                sleep(200);
                reader.wakeup();
            });
            start = System.nanoTime();
            assertThat(reader.poll()).isNotNull();
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(800L);
        }
    }

    @Test
    void aNewColumnStopsTheStreamNamingIt() throws Exception {
        db.sql("CREATE TABLE " + db.q("evolving") + " (id INT PRIMARY KEY, name VARCHAR(20))",
                "INSERT INTO " + db.q("evolving") + " VALUES (1, 'a')");
        StreamId id = db.table("evolving");
        List<RecordBatch> snapshot = drain(cdc(id, null, false, 100));
        Offset offset = snapshot.get(snapshot.size() - 1).offsetAfter();
        try (StreamReader reader = session.openReader(cdc(id, offset, true, 100), Split.WHOLE,
                DatabaseFixture.context(id))) {
            assertThat(reader.poll().isEmpty()).isTrue(); // planned on (id, name)
            db.sql("INSERT INTO " + db.q("evolving") + " VALUES (2, 'b')",
                    "ALTER TABLE " + db.q("evolving") + " ADD COLUMN extra INT",
                    "INSERT INTO " + db.q("evolving") + " VALUES (3, 'c', 7)");
            // the change before the new column comes first, with an offset that ends before it
            RecordBatch before = reader.poll();
            assertThat(changes(List.of(before))).containsExactly("insert 2 b");
            assertThatThrownBy(reader::poll).isInstanceOfSatisfying(ConnectorException.class, e -> {
                assertThat(e.kind()).isEqualTo(ConnectorException.Kind.SCHEMA);
                assertThat(e.getMessage()).contains("new column extra");
            });
            // a reader planned on the new columns goes on from that offset
            List<RecordBatch> after = drain(cdc(id, before.offsetAfter(), false, 100));
            assertThat(after.stream().flatMap(b -> b.rows().stream()).toList()).singleElement()
                    .satisfies(row -> assertThat(row).startsWith(3, "c", 7, Changes.INSERT));
        }
    }

    @Test
    void eventsWrittenBeforeAColumnWasDroppedAreReadAgainWithoutIt() throws Exception {
        db.sql("CREATE TABLE " + db.q("shrinking") + " (id INT PRIMARY KEY, name VARCHAR(20), gone INT)",
                "INSERT INTO " + db.q("shrinking") + " VALUES (1, 'a', 1)");
        StreamId id = db.table("shrinking");
        List<RecordBatch> snapshot = drain(cdc(id, null, false, 100));
        Offset offset = snapshot.get(snapshot.size() - 1).offsetAfter();
        db.sql("INSERT INTO " + db.q("shrinking") + " VALUES (2, 'b', 5)",
                "ALTER TABLE " + db.q("shrinking") + " DROP COLUMN gone",
                "INSERT INTO " + db.q("shrinking") + " VALUES (3, 'c')");
        // a restart from before the drop: the reader is planned on (id, name) and the first event still has gone
        List<RecordBatch> again = drain(cdc(id, offset, false, 100));
        assertThat(changes(again)).containsExactly("insert 2 b", "insert 3 c");
        assertThat(again.get(0).schema().names()).startsWith("id", "name", Changes.OP);
    }

    @Test
    void aTableWithoutPrimaryKeyIsRefusedWithTheReason() throws Exception {
        db.sql("CREATE TABLE " + db.q("nokey") + " (a INT, b VARCHAR(10))");
        StreamId id = db.table("nokey");
        assertThatThrownBy(() -> session.openReader(cdc(id, null, true, 100), Split.WHOLE,
                DatabaseFixture.context(id))).isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ConnectorException.Kind.CONFIGURATION);
                    assertThat(e.getMessage()).contains("has no primary key");
                });
    }

    @Test
    void aTableWithAMariaDbUuidColumnIsRefusedNamingIt() throws Exception {
        db.sql("CREATE TABLE " + db.q("uuids") + " (id INT PRIMARY KEY, ref UUID)");
        StreamId id = db.table("uuids");
        assertThatThrownBy(() -> session.openReader(cdc(id, null, true, 100), Split.WHOLE,
                DatabaseFixture.context(id))).isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ConnectorException.Kind.CONFIGURATION);
                    assertThat(e.getMessage()).contains("column ref").contains("uuid");
                });
    }

    @Test
    void changesOfOtherTablesInTheSameLogAreLeftOut() throws Exception {
        // rows of other tables are skipped undecoded (CapturedRows), here one with a column type this reader refuses
        db.sql("CREATE TABLE " + db.q("other") + " (id INT PRIMARY KEY, ref UUID, name VARCHAR(10))",
                "CREATE TABLE " + db.q("mine") + " (id INT PRIMARY KEY, name VARCHAR(10))");
        StreamId id = db.table("mine");
        List<RecordBatch> snapshot = drain(cdc(id, null, false, 100));
        Offset offset = snapshot.get(snapshot.size() - 1).offsetAfter();
        db.sql("INSERT INTO " + db.q("other") + " VALUES (1, UUID(), 'x')",
                "INSERT INTO " + db.q("mine") + " VALUES (1, 'one')",
                "UPDATE " + db.q("other") + " SET name = 'y'",
                "INSERT INTO " + db.q("mine") + " VALUES (2, 'two')");
        assertThat(changes(drain(cdc(id, offset, false, 100)))).containsExactly("insert 1 one", "insert 2 two");
    }

    @Test
    void aPurgedPositionAsksForAResync() throws Exception {
        db.sql("CREATE TABLE " + db.q("gone") + " (id INT PRIMARY KEY)");
        StreamId id = db.table("gone");
        Offset purged = Offset.of(Map.of("phase", "stream", "file", "arus-bin.999999", "pos", 4));
        try (StreamReader reader = session.openReader(cdc(id, purged, true, 100), Split.WHOLE,
                DatabaseFixture.context(id))) {
            assertThatThrownBy(() -> {
                for (int i = 0; i < 5; i++) {
                    reader.poll();
                }
            }).isInstanceOfSatisfying(ConnectorException.class, e -> {
                assertThat(e.kind()).isEqualTo(ConnectorException.Kind.CONFIGURATION);
                assertThat(e.getMessage()).contains("arus-bin.999999:4").contains("purged")
                        .contains("reset the pipeline's state");
            });
        }
    }

    @Test
    void aFeedIsDescribedByTheBinlogAfterItsStoredPosition() throws Exception {
        db.sql("CREATE TABLE " + db.q("described") + " (id INT PRIMARY KEY, name VARCHAR(200))",
                "INSERT INTO " + db.q("described") + " VALUES (1, 'one')");
        StreamId id = db.table("described");
        List<RecordBatch> read = drain(cdc(id, null, false, 100));
        Offset stored = read.get(read.size() - 1).offsetAfter();
        Map<String, Object> caughtUp = session.describeChangeFeed("arus_described", stored);
        assertThat(caughtUp).containsKeys("binlog_file", "binlog_position", "gtid", "oldest_binlog", "binlog_bytes")
                .containsEntry("position", stored.get("file") + ":" + stored.get("pos"))
                .containsEntry("gtid_position", stored.get("gtid")).containsEntry("position_available", true);
        long before = ((Number) caughtUp.get("behind_bytes")).longValue();

        db.sql("INSERT INTO " + db.q("described") + " SELECT seq, REPEAT('x', 150) FROM seq_2_to_1001");
        long after = ((Number) session.describeChangeFeed("arus_described", stored).get("behind_bytes")).longValue();
        assertThat(after).as("1,000 rows of 150 bytes later").isGreaterThan(before + 150_000);

        Map<String, Object> purged = session.describeChangeFeed("arus_described",
                Offset.of(Map.of("phase", "stream", "file", "arus-bin.999999", "pos", 4)));
        assertThat(purged).containsEntry("position_available", false).containsEntry("behind_bytes", null);
        assertThat(session.describeChangeFeed("arus_described")).as("without a position: the binlog only")
                .containsKeys("binlog_file", "oldest_binlog").doesNotContainKey("position");
    }

    @Test
    void aServerWithoutFullRowMetadataIsRefusedSayingWhatToSet() {
        Map<String, String> good = Map.of("log_bin", "ON", "binlog_format", "ROW", "binlog_row_image", "FULL",
                "binlog_row_metadata", "FULL", "log_bin_compress", "OFF");
        assertThat(BinlogRequirements.problems(good)).isEmpty();
        Map<String, String> minimal = new HashMap<>(good);
        minimal.put("binlog_row_metadata", "MINIMAL");
        minimal.put("binlog_format", "MIXED");
        List<String> problems = BinlogRequirements.problems(minimal);
        assertThat(problems).containsExactly("binlog_format = ROW (it is MIXED)",
                "binlog_row_metadata = FULL (it is MINIMAL)");
        assertThat(BinlogRequirements.message(problems)).startsWith("the server's binlog cannot be captured; set"
                + " binlog_format = ROW (it is MIXED), binlog_row_metadata = FULL (it is MINIMAL)");
        Map<String, String> old = new HashMap<>(good);
        old.remove("binlog_row_metadata");
        old.put("log_bin", "OFF");
        assertThat(BinlogRequirements.problems(old)).hasSize(2)
                .anySatisfy(p -> assertThat(p).startsWith("log_bin"))
                .contains("binlog_row_metadata = FULL (it is not available)");
    }

    @Test
    void serverIdsAreStablePerFeedAndAboveTheUsualOnes() {
        assertThat(BinlogReader.serverId("arus_p1_orders")).isEqualTo(BinlogReader.serverId("arus_p1_orders"))
                .isNotEqualTo(BinlogReader.serverId("arus_p1_items")).isBetween(100_000L, 1_000_100_000L);
    }

    // ------------------------------------------------------------------ helpers

    private static ReadRequest cdc(StreamId id, Offset offset, boolean follow, int batch) {
        return ReadRequest.builder(id).syncMode(SyncMode.CDC).startOffset(offset).follow(follow).batchSize(batch)
                .build();
    }

    private static List<RecordBatch> drain(ReadRequest request) throws Exception {
        List<RecordBatch> batches = new ArrayList<>();
        try (StreamReader reader = session.openReader(request, Split.WHOLE, DatabaseFixture.context(request.stream()))) {
            long deadline = System.currentTimeMillis() + 20_000;
            for (RecordBatch batch = reader.poll(); batch != null; batch = reader.poll()) {
                batches.add(batch);
                assertThat(System.currentTimeMillis()).as("a bounded read ends").isLessThan(deadline);
            }
        }
        return batches;
    }

    /** The changes as "op id name", snapshot rows left out. */
    private static List<String> changes(List<RecordBatch> batches) {
        List<String> out = new ArrayList<>();
        for (RecordBatch batch : batches) {
            for (Object[] row : batch.rows()) {
                if (!op(batch, row).equals(Changes.SNAPSHOT)) {
                    out.add(op(batch, row) + " " + row[0] + " " + row[1]);
                }
            }
        }
        return out;
    }

    private static String op(RecordBatch batch, Object[] row) {
        return (String) row[batch.schema().indexOf(Changes.OP).orElseThrow()];
    }

    /** Applies changes in order to a map by key, checking that positions only grow per key. */
    private static void apply(RecordBatch batch, Map<Object, Object[]> applied, Map<Object, Long> positions) {
        int width = batch.schema().size() - 3;
        for (Object[] row : batch.rows()) {
            String op = (String) row[width];
            long position = (Long) row[width + 1];
            if (!op.equals(Changes.SNAPSHOT)) {
                assertThat(position).as("position of " + op + " " + row[0]).isGreaterThan(positions.getOrDefault(row[0], 0L));
                assertThat(row[width + 2]).isNotNull();
                positions.put(row[0], position);
            } else {
                assertThat(position).isZero();
                assertThat(row[width + 2]).isNull();
            }
            if (op.equals(Changes.DELETE)) {
                applied.remove(row[0]);
            } else {
                applied.put(row[0], Arrays.copyOf(row, width));
            }
        }
    }

    /** The table as the full-refresh reader reads it. */
    private static Map<Object, Object[]> table(StreamId id) throws Exception {
        Map<Object, Object[]> rows = new TreeMap<>();
        try (StreamReader reader = session.openReader(ReadRequest.builder(id).build(), Split.WHOLE,
                DatabaseFixture.context(id))) {
            for (RecordBatch batch = reader.poll(); batch != null; batch = reader.poll()) {
                batch.rows().forEach(row -> rows.put(row[0], row));
            }
        }
        return rows;
    }

    private static boolean equal(Map<Object, Object[]> expected, Map<Object, Object[]> actual) {
        if (!expected.keySet().equals(actual.keySet())) {
            return false;
        }
        return expected.keySet().stream().allMatch(k -> Arrays.deepEquals(expected.get(k), actual.get(k)));
    }

    private static String values(int id, String name) {
        return "(" + id + ", '" + name + "', " + (id * 1.25) + ", '2024-05-0" + (id % 9 + 1) + " 10:11:12." + (100000 + id)
                + "', '1999-12-31 23:59:59.25', '2000-02-29', '12:34:56.789', " + (id % 2) + ", " + (200 + id % 50)
                + ", 65000, -8000000, 18446744073709551615, 4294967295, " + (id / 3.0) + ", 1.5, 'ab', '"
                + (id % 2 == 0 ? "b" : "it''s") + "', 'x,z', b'101000000001', 'AB', X'00FF10', 'text é " + id
                + "', X'DEADBEEF', " + (id % 2 == 0 ? "2155" : "1901") + ", '{\"k\": " + id + "}', 'café')";
    }

    /** Inserts, updates (also of the key), deletes and a rolled-back transaction until told to stop. */
    private static void write(AtomicBoolean writing) {
        Random random = new Random(42);
        int next = 5000;
        try (Connection connection = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:3306/" + db.schema,
                "arus", "arus"); Statement statement = connection.createStatement()) {
            int done = 0;
            while (writing.get() || done < 600) {
                int id = 1 + random.nextInt(2000);
                switch (random.nextInt(6)) {
                    case 0, 1 -> statement.execute("INSERT INTO orders VALUES " + values(next++, "w" + next));
                    case 2 -> statement.execute("UPDATE orders SET name = 'u" + done + "', amount = amount + 1,"
                            + " at_ts = NULL, flag = 1 - flag, tags = 'y', kind = 'a', note = NULL WHERE id = " + id);
                    case 3 -> statement.execute("DELETE FROM orders WHERE id = " + id);
                    case 4 -> statement.execute("UPDATE orders SET id = " + (next++) + " WHERE id = " + id);
                    default -> {
                        connection.setAutoCommit(false);
                        statement.execute("UPDATE orders SET name = 'multi' WHERE id BETWEEN " + id + " AND "
                                + (id + 3));
                        statement.execute("INSERT INTO orders VALUES " + values(next++, "tx"));
                        if (random.nextBoolean()) {
                            connection.rollback();
                        } else {
                            connection.commit();
                        }
                        connection.setAutoCommit(true);
                    }
                }
                done++;
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
