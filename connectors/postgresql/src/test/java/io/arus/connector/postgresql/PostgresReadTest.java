package io.arus.connector.postgresql;

import static org.assertj.core.api.Assertions.assertThat;

import io.arus.api.connector.CheckResult;
import io.arus.api.connector.ConnectorSession;
import io.arus.api.connector.ReadRequest;
import io.arus.api.connector.Split;
import io.arus.api.connector.StreamDescriptor;
import io.arus.api.connector.StreamId;
import io.arus.api.connector.StreamReader;
import io.arus.api.connector.SyncMode;
import io.arus.api.record.Offset;
import io.arus.api.record.RecordBatch;
import io.arus.api.type.LogicalType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Keyset reading, resuming, incremental bounds, discovery and check against the real server. */
class PostgresReadTest {
    private static PgFixture db;
    private static ConnectorSession session;

    @BeforeAll
    static void open() throws Exception {
        db = new PgFixture();
        session = PgFixture.open();
    }

    @AfterAll
    static void close() throws Exception {
        session.close();
        db.close();
    }

    @Test
    void tenThousandRowsSharingOneCursorValueArriveOnceWhenResumingFromEveryBatch() throws Exception {
        db.sql("CREATE TABLE " + db.q("same_ts") + " (id bigint PRIMARY KEY, updated_at timestamptz NOT NULL, v text)",
                "INSERT INTO " + db.q("same_ts") + " SELECT g, '2024-01-01T00:00:00Z', 'row ' || g"
                        + " FROM generate_series(1, 10000) g");
        StreamId table = db.table("same_ts");
        List<Long> ids = new ArrayList<>();
        Offset offset = null;
        int batches = 0;
        while (true) {
            // a fresh reader per batch: the worst case of a run killed after every flush
            ReadRequest request = ReadRequest.builder(table).syncMode(SyncMode.INCREMENTAL).cursorField("updated_at")
                    .primaryKey(List.of("id")).batchSize(1000).startOffset(offset).build();
            try (StreamReader reader = session.openReader(request, Split.WHOLE, PgFixture.context(table))) {
                RecordBatch batch = reader.poll();
                if (batch == null) {
                    break;
                }
                assertThat(batch.size()).isLessThanOrEqualTo(1000);
                batch.rows().forEach(row -> ids.add((Long) row[0]));
                offset = batch.offsetAfter();
                batches++;
            }
        }
        assertThat(ids).hasSize(10_000).doesNotHaveDuplicates();
        assertThat(batches).isEqualTo(10);
        assertThat(offset.values()).containsEntry("cursor", "2024-01-01T00:00:00Z").containsEntry("pk", List.of(10000L));
    }

    @Test
    void fullRefreshPagesByCompositeKeyAndResumes() throws Exception {
        db.sql("CREATE TABLE " + db.q("composite") + " (a int, b text, v int, PRIMARY KEY (a, b))",
                "INSERT INTO " + db.q("composite") + " SELECT g % 7, 'k' || g, g FROM generate_series(1, 2500) g");
        StreamId table = db.table("composite");
        List<Integer> values = new ArrayList<>();
        Offset offset = null;
        while (true) {
            ReadRequest request = ReadRequest.builder(table).batchSize(300).startOffset(offset).build();
            try (StreamReader reader = session.openReader(request, Split.WHOLE, PgFixture.context(table))) {
                RecordBatch batch = reader.poll();
                if (batch == null) {
                    break;
                }
                batch.rows().forEach(row -> values.add((Integer) row[2]));
                offset = batch.offsetAfter();
                assertThat(offset.values()).containsOnlyKeys("pk");
            }
        }
        assertThat(values).hasSize(2500).doesNotHaveDuplicates();
    }

    @Test
    void incrementalReadsChangesSinceTheOffsetUpToTheClockReadAtOpen() throws Exception {
        db.sql("CREATE TABLE " + db.q("orders") + " (id int PRIMARY KEY, status text, updated_at timestamptz)",
                "INSERT INTO " + db.q("orders") + " VALUES (1, 'new', now() - interval '1 hour'),"
                        + " (2, 'new', now() - interval '1 hour')");
        StreamId table = db.table("orders");
        ReadRequest.Builder request = ReadRequest.builder(table).syncMode(SyncMode.INCREMENTAL)
                .cursorField("updated_at").primaryKey(List.of("id")).batchSize(100);
        List<Object[]> first = new ArrayList<>();
        Offset offset = readAll(request.build(), first);
        assertThat(first).hasSize(2);

        db.sql("UPDATE " + db.q("orders") + " SET status = 'paid', updated_at = now() WHERE id = 1",
                "INSERT INTO " + db.q("orders") + " VALUES (3, 'new', now())");
        try (StreamReader reader = session.openReader(request.startOffset(offset).build(), Split.WHOLE,
                PgFixture.context(table))) {
            // committed after the reader read the clock: this reader must not see it, the next one must
            Thread.sleep(20);
            db.sql("INSERT INTO " + db.q("orders") + " VALUES (4, 'late', clock_timestamp())");
            List<Object[]> second = new ArrayList<>();
            for (RecordBatch batch = reader.poll(); batch != null; batch = reader.poll()) {
                second.addAll(batch.rows());
                offset = batch.offsetAfter();
            }
            assertThat(second).extracting(row -> row[0]).containsExactly(1, 3);
            assertThat(second.get(0)[1]).isEqualTo("paid");
        }
        List<Object[]> third = new ArrayList<>();
        readAll(request.startOffset(offset).build(), third);
        assertThat(third).extracting(row -> row[0]).containsExactly(4);
    }

    @Test
    void lookBackReReadsRecentRowsOnTheFirstPageOnly() throws Exception {
        db.sql("CREATE TABLE " + db.q("late") + " (id int PRIMARY KEY, updated_at timestamp)",
                "INSERT INTO " + db.q("late") + " SELECT g, timestamp '2024-01-01' + g * interval '1 minute'"
                        + " FROM generate_series(1, 100) g");
        StreamId table = db.table("late");
        Offset stored = Offset.of(Map.of("cursor", "2024-01-01T01:30:00", "pk", List.of(90L)));
        List<Object[]> rows = new ArrayList<>();
        readAll(ReadRequest.builder(table).syncMode(SyncMode.INCREMENTAL).cursorField("updated_at")
                .primaryKey(List.of("id")).batchSize(4).startOffset(stored).lookBack(Duration.ofMinutes(5)).build(), rows);
        // 85..90 re-read by the window, 91..100 new; pages after the first continue by keyset without repeats
        assertThat(rows).extracting(row -> row[0]).containsExactly(85, 86, 87, 88, 89, 90, 91, 92, 93, 94, 95, 96, 97,
                98, 99, 100);
    }

    @Test
    void tableWithoutKeyIsReadInOnePassAndIncrementallyByCursorAlone() throws Exception {
        db.sql("CREATE TABLE " + db.q("nokey") + " (v int, updated_at date)",
                "INSERT INTO " + db.q("nokey") + " SELECT g, date '2024-01-01' + (g / 10) FROM generate_series(1, 95) g");
        StreamId table = db.table("nokey");
        List<Object[]> full = new ArrayList<>();
        try (StreamReader reader = session.openReader(ReadRequest.builder(table).batchSize(10).build(), Split.WHOLE,
                PgFixture.context(table))) {
            for (RecordBatch batch = reader.poll(); batch != null; batch = reader.poll()) {
                assertThat(batch.offsetAfter()).isNull();
                full.addAll(batch.rows());
            }
        }
        assertThat(full).hasSize(95);

        // batches of 15 cut through groups of 10 rows per date: the offset only moves past complete dates
        ReadRequest.Builder incremental = ReadRequest.builder(table).syncMode(SyncMode.INCREMENTAL)
                .cursorField("updated_at").batchSize(15);
        List<Integer> seen = new ArrayList<>();
        Offset offset = null;
        for (int run = 0; run < 30; run++) {
            try (StreamReader reader = session.openReader(incremental.startOffset(offset).build(), Split.WHOLE,
                    PgFixture.context(table))) {
                RecordBatch batch = reader.poll();
                if (batch == null) {
                    break;
                }
                batch.rows().forEach(row -> seen.add((Integer) row[0]));
                offset = batch.offsetAfter();
            }
        }
        assertThat(new java.util.HashSet<>(seen)).hasSize(95);
    }

    @Test
    void wakeupCancelsARunningPageAndPollReturnsAtOnce() throws Exception {
        db.sql("CREATE VIEW " + db.q("slow") + " AS SELECT id FROM (SELECT 1 AS id, pg_sleep(30)) s");
        StreamId view = db.table("slow");
        ReadRequest request = ReadRequest.builder(view).primaryKey(List.of("id")).batchSize(10).build();
        try (StreamReader reader = session.openReader(request, Split.WHOLE, PgFixture.context(view))) {
            var waker = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
            try {
                waker.schedule(reader::wakeup, 300, java.util.concurrent.TimeUnit.MILLISECONDS);
                long start = System.nanoTime();
                RecordBatch batch = reader.poll();
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
                assertThat(batch).isNotNull();
                assertThat(batch.isEmpty()).isTrue();
            } finally {
                waker.shutdownNow();
            }
        }
    }

    @Test
    void discoversTablesViewsKeysCursorsAndEstimates() throws Exception {
        db.sql("CREATE TABLE " + db.q("customers") + " (tenant int, id bigint, name varchar(40) NOT NULL,"
                        + " created_at timestamptz, updated_at timestamptz, birthday date, PRIMARY KEY (tenant, id))",
                "CREATE VIEW " + db.q("customer_names") + " AS SELECT id, name FROM " + db.q("customers"),
                "INSERT INTO " + db.q("customers") + " SELECT 1, g, 'n', now(), now(), null FROM generate_series(1, 50) g",
                "ANALYZE " + db.q("customers"));
        List<StreamDescriptor> streams = session.discover();
        StreamDescriptor customers = streams.stream().filter(s -> s.id().equals(db.table("customers"))).findFirst()
                .orElseThrow();
        assertThat(customers.primaryKey()).containsExactly("tenant", "id");
        assertThat(customers.cursorCandidates()).containsExactly("updated_at", "created_at", "birthday");
        assertThat(customers.rowEstimate()).isEqualTo(50);
        assertThat(customers.schema().field(2).nativeType()).isEqualTo("character varying(40)");
        assertThat(customers.schema().field(2).nullable()).isFalse();
        assertThat(customers.schema().field(1).type()).isEqualTo(LogicalType.INT64);
        StreamDescriptor view = streams.stream().filter(s -> s.id().equals(db.table("customer_names"))).findFirst()
                .orElseThrow();
        assertThat(view.primaryKey()).isEmpty();
        assertThat(view.rowEstimate()).isEqualTo(-1);
        assertThat(streams).noneMatch(s -> s.id().namespace().startsWith("pg_")
                || s.id().namespace().equals("information_schema"));
    }

    @Test
    void checkAnswersTheServerVersion() {
        CheckResult result = session.check();
        assertThat(result.ok()).isTrue();
        assertThat(result.message()).matches("PostgreSQL \\d+(\\.\\d+)?");
    }

    @Test
    void checkExplainsFailuresWithoutThePassword() throws Exception {
        // the test server trusts 127.0.0.1 (pg_hba "trust"), so it never checks a password: a role that does not
        // exist is what it refuses here; the MariaDB tests prove a refused password
        String password = "s3cret-Pa55word";
        try (ConnectorSession wrong = new PostgresConnector().open(PgFixture.config(Map.of("username", "no_such_user",
                "password", password)))) {
            CheckResult result = wrong.check();
            assertThat(result.ok()).isFalse();
            assertThat(result.message()).contains("authentication failed for user no_such_user")
                    .doesNotContain(password);
        }
        try (ConnectorSession noDb = new PostgresConnector().open(PgFixture.config(Map.of("database", "no_such_db")))) {
            assertThat(noDb.check().message()).contains("database no_such_db does not exist");
        }
        try (ConnectorSession closed = new PostgresConnector().open(PgFixture.config(Map.of("port", 1)))) {
            assertThat(closed.check().message()).contains("cannot reach PostgreSQL at 127.0.0.1:1");
        }
    }

    private static Offset readAll(ReadRequest request, List<Object[]> into) throws Exception {
        Offset offset = request.startOffset();
        try (StreamReader reader = session.openReader(request, Split.WHOLE, PgFixture.context(request.stream()))) {
            for (RecordBatch batch = reader.poll(); batch != null; batch = reader.poll()) {
                into.addAll(batch.rows());
                offset = batch.offsetAfter();
            }
        }
        return offset;
    }
}
