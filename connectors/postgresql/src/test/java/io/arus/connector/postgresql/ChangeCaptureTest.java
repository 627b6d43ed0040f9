package io.arus.connector.postgresql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arus.api.connector.ConnectorException;
import io.arus.api.connector.ConnectorSession;
import io.arus.api.connector.ReadRequest;
import io.arus.api.connector.Split;
import io.arus.api.connector.StreamContext;
import io.arus.api.connector.StreamId;
import io.arus.api.connector.StreamReader;
import io.arus.api.connector.SyncMode;
import io.arus.api.record.Changes;
import io.arus.api.record.Offset;
import io.arus.api.record.RecordBatch;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.replication.LogSequenceNumber;

/**
 * Change capture against the test PostgreSQL (wal_level = logical): snapshot and stream meet without gap or loss,
 * bounded reads end, the slot is confirmed only after the engine stored an offset, resumes, refusals and errors.
 * Every test drops the slots and publications it made (a leaked slot retains WAL).
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ChangeCaptureTest {
    private static PgFixture db;
    private ConnectorSession session;
    private final List<String> feeds = new ArrayList<>();

    @BeforeAll
    static void server() throws Exception {
        db = new PgFixture();
        // a DDL statement waiting on a reader's snapshot fails instead of hanging the build
        db.sql("SET lock_timeout = '30s'");
    }

    @AfterAll
    static void dropSchema() throws Exception {
        db.close();
    }

    @BeforeEach
    void open() throws Exception {
        session = db.open();
    }

    @AfterEach
    void dropFeeds() throws Exception {
        try {
            for (String feed : feeds) {
                session.dropChangeFeed(feed);
            }
        } finally {
            session.close();
        }
    }

    @Test
    void snapshotUnderConcurrentWritesThenStreamingEndsEqualToTheTable() throws Exception {
        String t = db.q("cdc_equal");
        db.sql("CREATE TABLE " + t + " (id int PRIMARY KEY, v text, amount numeric(12,2), at timestamptz,"
                        + " day date, raw bytea, tags int[], u uuid, doc jsonb, big text)",
                "INSERT INTO " + t + " SELECT g, 'v' || g, g * 1.25, timestamptz '2024-01-01 00:00:00+00' + g * interval '1 minute',"
                        + " date '2024-01-01' + g, decode(md5(g::text), 'hex'), ARRAY[g, g + 1], gen_random_uuid(),"
                        + " jsonb_build_object('g', g), CASE WHEN g % 500 = 0 THEN (SELECT string_agg(md5(random()::text), '')"
                        + " FROM generate_series(1, 300)) END FROM generate_series(1, 5000) g");
        String feed = feed();
        StreamId table = db.table("cdc_equal");
        AtomicReference<Throwable> writerFailure = new AtomicReference<>();
        Thread writer;
        Map<Object, Object[]> state = new HashMap<>();
        java.util.Set<Object> absent = new java.util.HashSet<>();
        int[] ops = new int[4];
        try (StreamReader reader = session.openReader(request(table, true, 400, null), Split.WHOLE, context(table, feed))) {
            // the writer starts while the snapshot is read: its changes are either in the snapshot or streamed
            writer = new Thread(() -> write(t, 1500, writerFailure));
            writer.start();
            boolean writerDone = false;
            long caughtUpAt = Long.MAX_VALUE;
            while (true) {
                RecordBatch batch = reader.poll();
                assertThat(batch).isNotNull();
                absent.addAll(apply(batch, state, ops));
                if (ops[0] < 5000 && !batch.isEmpty()) {
                    Thread.sleep(20); // let the writer commit during the snapshot
                }
                if (!writerDone && !writer.isAlive()) {
                    writerDone = true;
                    // one more update that leaves the big TOASTed value unchanged: pgoutput sends it as 'u'
                    db.sql("UPDATE " + t + " SET v = 'toast kept' WHERE id = 5000");
                    caughtUpAt = currentLsn();
                }
                if (writerDone && batch.isEmpty() && lsn(batch.offsetAfter()) >= caughtUpAt) {
                    break;
                }
            }
        }
        assertThat(writerFailure.get()).isNull();
        assertThat(ops[0]).isEqualTo(5000);
        assertThat(ops[1]).isGreaterThan(0);
        assertThat(ops[2]).isGreaterThan(0);
        assertThat(ops[3]).isGreaterThan(0);
        assertThat(absent).as("the unchanged TOAST value of the last update (pgoutput sends it without the value) was"
                + " read from the table").doesNotContain(5000);
        assertEqualsTable(table, state);
    }

    @Test
    void boundedReadEndsAtThePositionCurrentAtOpen() throws Exception {
        String t = db.q("cdc_bounded");
        db.sql("CREATE TABLE " + t + " (id int PRIMARY KEY, v text)",
                "INSERT INTO " + t + " SELECT g, 'v' FROM generate_series(1, 100) g");
        String feed = feed();
        StreamId table = db.table("cdc_bounded");
        List<RecordBatch> first = readToEnd(session.openReader(request(table, false, 1000, null), Split.WHOLE,
                context(table, feed)));
        assertThat(first.stream().mapToInt(RecordBatch::size).sum()).isEqualTo(100);
        Offset stored = first.get(first.size() - 1).offsetAfter();
        assertThat(stored.get("phase")).isEqualTo("stream");
        db.sql("INSERT INTO " + t + " SELECT g, 'new' FROM generate_series(101, 110) g",
                "UPDATE " + t + " SET v = 'changed' WHERE id <= 5");
        List<RecordBatch> second = readToEnd(session.openReader(request(table, false, 1000, stored), Split.WHOLE,
                context(table, feed)));
        List<Object[]> rows = second.stream().flatMap(b -> b.rows().stream()).toList();
        assertThat(rows).hasSize(15);
        assertThat(rows.stream().filter(r -> r[2].equals(Changes.INSERT)).count()).isEqualTo(10);
        assertThat(rows.stream().filter(r -> r[2].equals(Changes.UPDATE)).map(r -> r[1]).distinct().toList())
                .containsExactly("changed");
        assertThat(rows.stream().map(r -> r[4]).allMatch(Instant.class::isInstance)).isTrue();
    }

    @Test
    void theSlotIsConfirmedOnlyUpToWhatTheEngineCommitted() throws Exception {
        String t = db.q("cdc_confirm");
        db.sql("CREATE TABLE " + t + " (id int PRIMARY KEY, v text)", "INSERT INTO " + t + " VALUES (1, 'a')");
        String feed = feed();
        StreamId table = db.table("cdc_confirm");
        try (StreamReader reader = session.openReader(request(table, true, 1000, null), Split.WHOLE, context(table, feed))) {
            long created = confirmedFlush(feed);
            Offset handOver = null;
            while (handOver == null) {
                RecordBatch batch = reader.poll();
                if (batch.isEmpty() && "stream".equals(batch.offsetAfter().get("phase"))) {
                    handOver = batch.offsetAfter();
                }
            }
            db.sql("INSERT INTO " + t + " VALUES (2, 'b')", "INSERT INTO " + t + " VALUES (3, 'c')");
            long target = currentLsn();
            Offset afterInserts = null;
            int seen = 0;
            while (afterInserts == null) {
                RecordBatch batch = reader.poll();
                seen += batch.size();
                if (seen == 2 && lsn(batch.offsetAfter()) >= target) {
                    afterInserts = batch.offsetAfter();
                }
            }
            // polled past the inserts, nothing committed: the slot stays where it was created
            reader.poll();
            assertThat(confirmedFlush(feed)).isEqualTo(created);
            reader.committed(afterInserts);
            assertThat(confirmedFlush(feed)).as("confirmed on the reader's thread, not in committed()").isEqualTo(created);
            reader.poll();
            assertThat(confirmedFlush(feed)).isEqualTo(lsn(afterInserts));
            assertThat(reader.bytesBehind()).isBetween(0L, 16L * 1024 * 1024);
            for (int i = 0; i < 3; i++) {
                reader.poll();
                assertThat(confirmedFlush(feed)).isLessThanOrEqualTo(lsn(afterInserts));
            }
        }
    }

    @Test
    void resumingFromAStoredStreamOffsetRedeliversNothingBeforeIt() throws Exception {
        String t = db.q("cdc_resume");
        db.sql("CREATE TABLE " + t + " (id int PRIMARY KEY, v text)");
        String feed = feed();
        StreamId table = db.table("cdc_resume");
        Offset stored;
        try (StreamReader reader = session.openReader(request(table, true, 1000, null), Split.WHOLE, context(table, feed))) {
            db.sql("INSERT INTO " + t + " SELECT g, 'first' FROM generate_series(1, 5) g");
            long target = currentLsn();
            int seen = 0;
            while (true) {
                RecordBatch batch = reader.poll();
                seen += batch.size();
                if (seen == 5 && batch.isEmpty() && lsn(batch.offsetAfter()) >= target) {
                    stored = batch.offsetAfter();
                    break;
                }
            }
        }
        db.sql("INSERT INTO " + t + " SELECT g, 'second' FROM generate_series(6, 10) g",
                "DELETE FROM " + t + " WHERE id = 1");
        List<Object[]> rows = new ArrayList<>();
        for (RecordBatch batch : readToEnd(session.openReader(request(table, false, 1000, stored), Split.WHOLE,
                context(table, feed)))) {
            rows.addAll(batch.rows());
        }
        assertThat(rows).extracting(r -> r[0]).containsExactly(6, 7, 8, 9, 10, 1);
        assertThat(rows).extracting(r -> r[2]).containsExactly("insert", "insert", "insert", "insert", "insert", "delete");
        assertThat((long) rows.get(5)[3]).isGreaterThan((long) rows.get(0)[3]);
        assertThat(rows.get(5)[1]).isNull();
    }

    @Test
    void resumingInTheMiddleOfTheSnapshotConverges() throws Exception {
        String t = db.q("cdc_midsnap");
        db.sql("CREATE TABLE " + t + " (id int PRIMARY KEY, v int)",
                "INSERT INTO " + t + " SELECT g, g FROM generate_series(1, 1000) g");
        String feed = feed();
        StreamId table = db.table("cdc_midsnap");
        Map<Object, Object[]> state = new HashMap<>();
        int[] ops = new int[4];
        Offset stored;
        try (StreamReader reader = session.openReader(request(table, true, 100, null), Split.WHOLE, context(table, feed))) {
            for (int i = 0; i < 3; i++) {
                apply(reader.poll(), state, ops);
            }
            stored = null;
        }
        // the offset after the third batch, as a crashed run would have stored it
        stored = Offset.of(Map.of("phase", "snapshot", "lsn", slotConsistentPoint(feed), "after", List.of("300")));
        db.sql("UPDATE " + t + " SET v = -v WHERE id % 7 = 0",
                "DELETE FROM " + t + " WHERE id % 11 = 0",
                "INSERT INTO " + t + " SELECT g, g FROM generate_series(1001, 1100) g",
                "UPDATE " + t + " SET v = 0 WHERE id % 13 = 0");
        for (RecordBatch batch : readToEnd(session.openReader(request(table, false, 100, stored), Split.WHOLE,
                context(table, feed)))) {
            apply(batch, state, ops);
        }
        assertThat(ops[0]).isEqualTo(300 + 700 - 700 / 11 + 100); // the fresh read of the rest saw the changes
        assertEqualsTable(table, state);
    }

    @Test
    void aTableWithoutPrimaryKeyOrWithReplicaIdentityNothingIsRefused() throws Exception {
        db.sql("CREATE TABLE " + db.q("cdc_nokey") + " (id int, v text)",
                "CREATE TABLE " + db.q("cdc_nothing") + " (id int PRIMARY KEY, v text)",
                "ALTER TABLE " + db.q("cdc_nothing") + " REPLICA IDENTITY NOTHING");
        StreamId nokey = db.table("cdc_nokey");
        assertThatThrownBy(() -> session.openReader(request(nokey, true, 10, null), Split.WHOLE, context(nokey, feed())))
                .isInstanceOf(ConnectorException.class)
                .hasMessageContaining(nokey.toString()).hasMessageContaining("no primary key");
        StreamId nothing = db.table("cdc_nothing");
        assertThatThrownBy(() -> session.openReader(request(nothing, true, 10, null), Split.WHOLE, context(nothing, feed())))
                .isInstanceOf(ConnectorException.class)
                .hasMessageContaining(nothing.toString()).hasMessageContaining("REPLICA IDENTITY NOTHING");
    }

    @Test
    void aSlotDroppedBehindArusBackIsReportedAsALostFeed() throws Exception {
        String t = db.q("cdc_lost");
        db.sql("CREATE TABLE " + t + " (id int PRIMARY KEY)", "INSERT INTO " + t + " VALUES (1)");
        String feed = feed();
        StreamId table = db.table("cdc_lost");
        List<RecordBatch> batches = readToEnd(session.openReader(request(table, false, 10, null), Split.WHOLE,
                context(table, feed)));
        Offset stored = batches.get(batches.size() - 1).offsetAfter();
        db.sql("SELECT pg_drop_replication_slot('" + feed + "')");
        assertThatThrownBy(() -> session.openReader(request(table, true, 10, stored), Split.WHOLE, context(table, feed)))
                .isInstanceOf(ConnectorException.class)
                .hasMessageContaining("change feed " + feed + " was lost")
                .hasMessageContaining("resync");
    }

    @Test
    void droppingAChangeFeedRemovesSlotAndPublicationEvenWhileStreamingAndTwice() throws Exception {
        String t = db.q("cdc_drop");
        db.sql("CREATE TABLE " + t + " (id int PRIMARY KEY)");
        String feed = feed();
        StreamId table = db.table("cdc_drop");
        try (StreamReader reader = session.openReader(request(table, true, 10, null), Split.WHOLE, context(table, feed))) {
            untilStreaming(reader);
            reader.poll(); // streaming: the slot is active
            assertThat(count("SELECT count(*) FROM pg_replication_slots WHERE active AND slot_name = '" + feed + "'"))
                    .isEqualTo(1);
            assertThat(session.describeChangeFeed(feed)).containsEntry("slot", feed).containsEntry("active", true)
                    .containsEntry("wal_status", "reserved").containsEntry("publication", true)
                    .hasEntrySatisfying("retained_bytes", bytes -> assertThat((Long) bytes).isNotNegative());
            session.dropChangeFeed(feed);
            assertThat(session.describeChangeFeed(feed)).isEmpty();
            assertThat(count("SELECT count(*) FROM pg_replication_slots WHERE slot_name = '" + feed + "'")).isZero();
            assertThat(count("SELECT count(*) FROM pg_publication WHERE pubname = '" + feed + "'")).isZero();
            session.dropChangeFeed(feed);
            // the reader whose walsender was ended says its feed is gone
            assertThatThrownBy(() -> {
                for (int i = 0; i < 20; i++) {
                    reader.poll();
                }
            }).isInstanceOf(ConnectorException.class).hasMessageContaining("change feed " + feed + " was lost");
        }
    }

    @Test
    void aColumnAddedWhileStreamingStopsTheReaderNamingIt() throws Exception {
        String t = db.q("cdc_schema");
        db.sql("CREATE TABLE " + t + " (id int PRIMARY KEY, v text)");
        String feed = feed();
        StreamId table = db.table("cdc_schema");
        try (StreamReader reader = session.openReader(request(table, true, 10, null), Split.WHOLE, context(table, feed))) {
            untilStreaming(reader);
            db.sql("ALTER TABLE " + t + " ADD COLUMN extra int", "INSERT INTO " + t + " VALUES (1, 'a', 2)");
            assertThatThrownBy(() -> {
                for (int i = 0; i < 20; i++) {
                    reader.poll();
                }
            }).isInstanceOf(ConnectorException.class).hasMessageContaining("column extra")
                    .satisfies(e -> assertThat(((ConnectorException) e).kind()).isEqualTo(ConnectorException.Kind.SCHEMA));
        }
    }

    @Test
    void anUpdateThatLeavesALargeValueAloneCarriesTheValueReadFromTheTable() throws Exception {
        String t = db.q("cdc_toast");
        db.sql("CREATE TABLE " + t + " (a int, b uuid, big text, v int, PRIMARY KEY (a, b))",
                "INSERT INTO " + t + " SELECT g % 3, gen_random_uuid(), (SELECT string_agg(md5(random()::text || x), '')"
                        + " FROM generate_series(1, 300 + g) x), 0 FROM generate_series(1, 1200) g");
        assertThat(count("SELECT pg_total_relation_size(reltoastrelid) FROM pg_class WHERE oid = '" + t + "'::regclass"))
                .as("the values are stored out of line").isGreaterThan(8192L * 1200);
        String feed = feed();
        StreamId table = db.table("cdc_toast");
        List<Object[]> rows = new ArrayList<>();
        try (StreamReader reader = session.openReader(request(table, true, 5000, null), Split.WHOLE, context(table, feed))) {
            untilStreaming(reader);
            db.sql("UPDATE " + t + " SET v = 1"); // more keys than one lookup takes
            for (int i = 0; i < 60 && rows.size() < 1200; i++) {
                rows.addAll(reader.poll().rows());
            }
        }
        assertThat(rows).hasSize(1200).allMatch(row -> Changes.UPDATE.equals(row[4]) && Integer.valueOf(1).equals(row[3]));
        Map<String, String> big = new HashMap<>();
        try (Statement statement = db.admin.createStatement();
             ResultSet result = statement.executeQuery("SELECT a, b, big FROM " + t)) {
            while (result.next()) {
                big.put(result.getInt(1) + "/" + result.getObject(2), result.getString(3));
            }
        }
        for (Object[] row : rows) {
            assertThat(row[2]).as("the big value of %s/%s", row[0], row[1]).isEqualTo(big.get(row[0] + "/" + row[1]));
        }
    }

    @Test
    void aPollReturnsWhatItGatheredWhenItsBatchWaitIsUpWhileChangesKeepComing() throws Exception {
        String t = db.q("cdc_wait");
        db.sql("CREATE TABLE " + t + " (id int PRIMARY KEY, v text)");
        String feed = feed();
        StreamId table = db.table("cdc_wait");
        ReadRequest request = ReadRequest.builder(table).syncMode(SyncMode.CDC).primaryKey(List.of("id"))
                .batchSize(1_000_000).follow(true).batchWait(java.time.Duration.ofSeconds(1)).build();
        java.util.concurrent.atomic.AtomicBoolean writing = new java.util.concurrent.atomic.AtomicBoolean(true);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            try (Statement statement = db.admin.createStatement()) {
                for (int i = 1; writing.get() && i < 100_000; i++) {
                    statement.execute("INSERT INTO " + t + " VALUES (" + i + ", 'v')");
                }
            } catch (SQLException e) {
                failure.set(e);
            }
        });
        try (StreamReader reader = session.openReader(request, Split.WHOLE, context(table, feed))) {
            untilStreaming(reader);
            writer.start();
            RecordBatch batch = reader.poll();
            for (int i = 0; i < 20 && batch.isEmpty(); i++) {
                batch = reader.poll();
            }
            assertThat(writer.isAlive()).as("the poll returned while changes kept coming").isTrue();
            assertThat(batch.size()).as("what the poll gathered").isPositive().isLessThan(100_000);
        } finally {
            writing.set(false);
            writer.join();
        }
        assertThat(failure.get()).isNull();
    }

    @Test
    void aServerOutOfReplicationSlotsIsAConfigurationErrorSayingWhatToRaise() throws Exception {
        String t = db.q("cdc_noslot");
        db.sql("CREATE TABLE " + t + " (id int PRIMARY KEY)");
        StreamId table = db.table("cdc_noslot");
        long free = count("SELECT current_setting('max_replication_slots')::int - count(*) FROM pg_replication_slots");
        List<String> fillers = new ArrayList<>();
        try {
            for (int i = 0; i < free; i++) {
                String filler = "arus_test_fill_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
                db.sql("SELECT pg_create_physical_replication_slot('" + filler + "')");
                fillers.add(filler);
            }
            String feed = feed();
            assertThatThrownBy(() -> session.openReader(request(table, true, 10, null), Split.WHOLE, context(table, feed)))
                    .isInstanceOfSatisfying(ConnectorException.class, e -> {
                        assertThat(e.kind()).isEqualTo(ConnectorException.Kind.CONFIGURATION);
                        assertThat(e.getMessage()).contains("no free replication slot").contains("max_replication_slots");
                    });
        } finally {
            for (String filler : fillers) {
                db.sql("SELECT pg_drop_replication_slot('" + filler + "')");
            }
        }
    }

    @Test
    void aColumnDroppedWhileStreamingReadsAsNullAndADroppedKeyStopsTheReaderNamingIt() throws Exception {
        String t = db.q("cdc_dropcol");
        db.sql("CREATE TABLE " + t + " (id int PRIMARY KEY, v text, w text)");
        String feed = feed();
        StreamId table = db.table("cdc_dropcol");
        try (StreamReader reader = session.openReader(request(table, true, 10, null), Split.WHOLE, context(table, feed))) {
            untilStreaming(reader);
            db.sql("ALTER TABLE " + t + " DROP COLUMN w", "INSERT INTO " + t + " VALUES (1, 'a')");
            List<Object[]> rows = new ArrayList<>();
            for (int i = 0; i < 40 && rows.isEmpty(); i++) {
                rows.addAll(reader.poll().rows());
            }
            assertThat(rows).hasSize(1);
            assertThat(rows.get(0)[0]).isEqualTo(1);
            assertThat(rows.get(0)[1]).isEqualTo("a");
            assertThat(rows.get(0)[2]).as("the dropped column reads as null").isNull();

            db.sql("ALTER TABLE " + t + " DROP COLUMN id", "INSERT INTO " + t + " VALUES ('b')");
            assertThatThrownBy(() -> {
                for (int i = 0; i < 40; i++) {
                    reader.poll();
                }
            }).isInstanceOf(ConnectorException.class).hasMessageContaining("key column id")
                    .satisfies(e -> assertThat(((ConnectorException) e).kind()).isEqualTo(ConnectorException.Kind.SCHEMA));
        }
    }

    @Test
    void aTruncateStopsTheReaderAskingForAResync() throws Exception {
        String t = db.q("cdc_truncate");
        db.sql("CREATE TABLE " + t + " (id int PRIMARY KEY)", "INSERT INTO " + t + " VALUES (1)");
        String feed = feed();
        StreamId table = db.table("cdc_truncate");
        try (StreamReader reader = session.openReader(request(table, true, 10, null), Split.WHOLE, context(table, feed))) {
            untilStreaming(reader);
            db.sql("TRUNCATE " + t);
            assertThatThrownBy(() -> {
                for (int i = 0; i < 20; i++) {
                    reader.poll();
                }
            }).isInstanceOf(ConnectorException.class).hasMessageContaining("TRUNCATE").hasMessageContaining("resync");
        }
    }

    // ------------------------------------------------------------------ helpers

    private static void write(String table, int changes, AtomicReference<Throwable> failure) {
        Random random = new Random(7);
        try (var connection = java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/arus_test",
                "arus", "arus"); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            for (int i = 0; i < changes; i++) {
                int id = 1 + random.nextInt(5600);
                switch (random.nextInt(3)) {
                    case 0 -> statement.execute("INSERT INTO " + table + " (id, v, amount, at, tags) VALUES (" + id
                            + ", 'ins', 1.5, now(), ARRAY[1, NULL, 3]) ON CONFLICT (id) DO NOTHING");
                    case 1 -> statement.execute("UPDATE " + table + " SET v = 'upd " + i + "', amount = amount + 1,"
                            + " raw = '\\x00ff'::bytea, doc = '{\"a\": [1, \"x\"]}' WHERE id = " + id);
                    default -> statement.execute("DELETE FROM " + table + " WHERE id = " + id);
                }
                if (i % 5 == 4) {
                    connection.commit();
                }
            }
            connection.commit();
        } catch (Throwable e) {
            failure.set(e);
        }
    }

    /**
     * Applies change rows in order to a state by key (column 0); ABSENT keeps the held value.
     *
     * @return the keys of the rows that still had ABSENT values
     */
    private static List<Object> apply(RecordBatch batch, Map<Object, Object[]> state, int[] ops) {
        List<Object> absent = new ArrayList<>();
        int width = batch.schema().size() - 3;
        for (Object[] row : batch.rows()) {
            String op = (String) row[width];
            Object[] values = Arrays.copyOf(row, width);
            switch (op) {
                case Changes.SNAPSHOT -> ops[0]++;
                case Changes.INSERT -> ops[1]++;
                case Changes.UPDATE -> ops[2]++;
                default -> ops[3]++;
            }
            if (op.equals(Changes.DELETE)) {
                state.remove(values[0]);
                continue;
            }
            Object[] held = state.get(values[0]);
            for (int i = 0; i < width; i++) {
                if (values[i] == RecordBatch.ABSENT) {
                    absent.add(values[0]);
                    values[i] = held[i];
                }
            }
            state.put(values[0], values);
        }
        return absent;
    }

    /** Reads the table with the full-refresh reader and compares value by value (same Java classes). */
    private void assertEqualsTable(StreamId table, Map<Object, Object[]> state) throws Exception {
        Map<Object, Object[]> actual = new HashMap<>();
        try (StreamReader reader = session.openReader(ReadRequest.builder(table).build(), Split.WHOLE,
                context(table, "unused"))) {
            for (RecordBatch batch = reader.poll(); batch != null; batch = reader.poll()) {
                for (Object[] row : batch.rows()) {
                    actual.put(row[0], row);
                }
            }
        }
        assertThat(state.keySet()).containsExactlyInAnyOrderElementsOf(actual.keySet());
        for (Map.Entry<Object, Object[]> entry : actual.entrySet()) {
            Object[] captured = state.get(entry.getKey());
            for (int i = 0; i < captured.length; i++) {
                Object expected = entry.getValue()[i];
                assertThat(captured[i]).as("key %s column %d", entry.getKey(), i).isEqualTo(expected);
                if (expected != null) {
                    assertThat(captured[i]).isExactlyInstanceOf(expected.getClass());
                }
            }
        }
    }

    /** Polls through the snapshot and the hand-over batch (whose offset is the first of the stream phase). */
    private static void untilStreaming(StreamReader reader) throws Exception {
        for (RecordBatch batch = reader.poll(); !"stream".equals(batch.offsetAfter().get("phase")); batch = reader.poll()) {
            assertThat(batch.rows()).allMatch(row -> Changes.SNAPSHOT.equals(row[row.length - 3]));
        }
    }

    private static List<RecordBatch> readToEnd(StreamReader reader) throws Exception {
        try (reader) {
            List<RecordBatch> batches = new ArrayList<>();
            long start = System.nanoTime();
            for (RecordBatch batch = reader.poll(); batch != null; batch = reader.poll()) {
                batches.add(batch);
                assertThat(System.nanoTime() - start).as("a bounded read ends").isLessThan(60_000_000_000L);
            }
            return batches;
        }
    }

    private static ReadRequest request(StreamId table, boolean follow, int batchSize, Offset start) {
        return ReadRequest.builder(table).syncMode(SyncMode.CDC).primaryKey(List.of("id")).batchSize(batchSize)
                .startOffset(start).follow(follow).build();
    }

    private String feed() {
        String feed = "arus_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        feeds.add(feed);
        return feed;
    }

    private static long lsn(Offset offset) {
        return LogSequenceNumber.valueOf((String) offset.get("lsn")).asLong();
    }

    private static long currentLsn() throws SQLException {
        return LogSequenceNumber.valueOf(string("SELECT pg_current_wal_lsn()::text")).asLong();
    }

    private static long confirmedFlush(String feed) throws SQLException {
        return LogSequenceNumber.valueOf(string("SELECT confirmed_flush_lsn::text FROM pg_replication_slots"
                + " WHERE slot_name = '" + feed + "'")).asLong();
    }

    private static String slotConsistentPoint(String feed) throws SQLException {
        return string("SELECT confirmed_flush_lsn::text FROM pg_replication_slots WHERE slot_name = '" + feed + "'");
    }

    private static long count(String sql) throws SQLException {
        return Long.parseLong(string(sql));
    }

    private static String string(String sql) throws SQLException {
        try (Statement statement = db.admin.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            assertThat(rows.next()).as(sql).isTrue();
            return rows.getString(1);
        }
    }

    private static StreamContext context(StreamId stream, String feed) {
        return new StreamContext() {
            @Override
            public String runId() {
                return "cdc-test";
            }

            @Override
            public StreamId stream() {
                return stream;
            }

            @Override
            public String changeFeed() {
                return feed;
            }

            @Override
            public boolean isStopped() {
                return false;
            }

            @Override
            public void log(System.Logger.Level level, String message) {
                System.out.println("[" + level + "] " + message);
            }
        };
    }
}
