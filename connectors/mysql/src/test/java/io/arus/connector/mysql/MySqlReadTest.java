package io.arus.connector.mysql;

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
class MySqlReadTest {
    private static MyFixture db;
    private static ConnectorSession session;

    @BeforeAll
    static void open() throws Exception {
        db = new MyFixture();
        db.sql("SET time_zone = '+00:00'");
        session = MyFixture.open();
    }

    @AfterAll
    static void close() throws Exception {
        session.close();
        db.close();
    }

    @Test
    void tenThousandRowsSharingOneCursorValueArriveOnceWhenResumingFromEveryBatch() throws Exception {
        db.sql("CREATE TABLE " + db.q("same_ts") + " (id bigint PRIMARY KEY, updated_at timestamp(6) NOT NULL, v text)",
                "INSERT INTO " + db.q("same_ts") + " SELECT seq, '2024-01-01 00:00:00', CONCAT('row ', seq)"
                        + " FROM seq_1_to_10000");
        StreamId table = db.table("same_ts");
        List<Long> ids = new ArrayList<>();
        Offset offset = null;
        int batches = 0;
        while (true) {
            // a fresh reader per batch: the worst case of a run killed after every flush
            ReadRequest request = ReadRequest.builder(table).syncMode(SyncMode.INCREMENTAL).cursorField("updated_at")
                    .primaryKey(List.of("id")).batchSize(1000).startOffset(offset).build();
            try (StreamReader reader = session.openReader(request, Split.WHOLE, MyFixture.context(table))) {
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
        db.sql("CREATE TABLE " + db.q("composite") + " (a int, b varchar(20), v int, PRIMARY KEY (a, b))",
                "INSERT INTO " + db.q("composite") + " SELECT seq % 7, CONCAT('k', seq), seq FROM seq_1_to_2500");
        StreamId table = db.table("composite");
        List<Integer> values = new ArrayList<>();
        Offset offset = null;
        while (true) {
            ReadRequest request = ReadRequest.builder(table).batchSize(300).startOffset(offset).build();
            try (StreamReader reader = session.openReader(request, Split.WHOLE, MyFixture.context(table))) {
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
        db.sql("CREATE TABLE " + db.q("orders") + " (id int PRIMARY KEY, status text, updated_at timestamp(6) NULL)",
                "INSERT INTO " + db.q("orders") + " VALUES (1, 'new', now(6) - INTERVAL 1 HOUR),"
                        + " (2, 'new', now(6) - INTERVAL 1 HOUR)");
        StreamId table = db.table("orders");
        ReadRequest.Builder request = ReadRequest.builder(table).syncMode(SyncMode.INCREMENTAL)
                .cursorField("updated_at").primaryKey(List.of("id")).batchSize(100);
        List<Object[]> first = new ArrayList<>();
        Offset offset = readAll(request.build(), first);
        assertThat(first).hasSize(2);

        db.sql("UPDATE " + db.q("orders") + " SET status = 'paid', updated_at = now(6) WHERE id = 1",
                "INSERT INTO " + db.q("orders") + " VALUES (3, 'new', now(6))");
        try (StreamReader reader = session.openReader(request.startOffset(offset).build(), Split.WHOLE,
                MyFixture.context(table))) {
            // committed after the reader read the clock: this reader must not see it, the next one must
            Thread.sleep(20);
            db.sql("INSERT INTO " + db.q("orders") + " VALUES (4, 'late', now(6))");
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
        db.sql("CREATE TABLE " + db.q("late") + " (id int PRIMARY KEY, updated_at datetime)",
                "INSERT INTO " + db.q("late") + " SELECT seq, TIMESTAMP '2024-01-01 00:00:00' + INTERVAL seq MINUTE"
                        + " FROM seq_1_to_100");
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
                "INSERT INTO " + db.q("nokey") + " SELECT seq, DATE '2024-01-01' + INTERVAL (seq DIV 10) DAY"
                        + " FROM seq_1_to_95");
        StreamId table = db.table("nokey");
        List<Object[]> full = new ArrayList<>();
        try (StreamReader reader = session.openReader(ReadRequest.builder(table).batchSize(10).build(), Split.WHOLE,
                MyFixture.context(table))) {
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
                    MyFixture.context(table))) {
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
    void discoversTablesViewsKeysCursorsAndEstimates() throws Exception {
        db.sql("CREATE TABLE " + db.q("customers") + " (tenant int, id bigint, name varchar(40) NOT NULL,"
                        + " created_at timestamp(6) NULL, updated_at timestamp(6) NULL, birthday date, PRIMARY KEY (tenant, id))",
                "CREATE VIEW " + db.q("customer_names") + " AS SELECT id, name FROM " + db.q("customers"),
                "INSERT INTO " + db.q("customers") + " SELECT 1, seq, 'n', now(), now(), null FROM seq_1_to_50",
                "ANALYZE TABLE " + db.q("customers"));
        List<StreamDescriptor> streams = session.discover();
        StreamDescriptor customers = streams.stream().filter(s -> s.id().equals(db.table("customers"))).findFirst()
                .orElseThrow();
        assertThat(customers.primaryKey()).containsExactly("tenant", "id");
        assertThat(customers.cursorCandidates()).containsExactly("updated_at", "created_at", "birthday");
        assertThat(customers.rowEstimate()).isPositive(); // InnoDB's TABLE_ROWS is a sampled estimate
        assertThat(customers.schema().field(2).nativeType()).isEqualTo("varchar(40)");
        assertThat(customers.schema().field(2).nullable()).isFalse();
        assertThat(customers.schema().field(1).type()).isEqualTo(LogicalType.INT64);
        StreamDescriptor view = streams.stream().filter(s -> s.id().equals(db.table("customer_names"))).findFirst()
                .orElseThrow();
        assertThat(view.primaryKey()).isEmpty();
        assertThat(view.rowEstimate()).isEqualTo(-1);
        assertThat(streams).noneMatch(s -> List.of("mysql", "information_schema", "performance_schema", "sys")
                .contains(s.id().namespace()));
    }

    @Test
    void checkAnswersTheServerVersion() {
        CheckResult result = session.check();
        assertThat(result.ok()).isTrue();
        assertThat(result.message()).matches("MariaDB \\d+\\.\\d+\\.\\d+");
    }

    @Test
    void checkExplainsFailuresWithoutThePassword() throws Exception {
        String password = "s3cret-Pa55word";
        try (ConnectorSession wrong = new MariaDbConnector().open(MyFixture.config(Map.of("password", password)))) {
            CheckResult result = wrong.check();
            assertThat(result.ok()).isFalse();
            assertThat(result.message()).contains("authentication failed for user arus").doesNotContain(password);
        }
        try (ConnectorSession noDb = new MariaDbConnector().open(MyFixture.config(Map.of("database", "no_such_db")))) {
            assertThat(noDb.check().message()).contains("database no_such_db does not exist");
        }
        try (ConnectorSession closed = new MariaDbConnector().open(MyFixture.config(Map.of("port", 1)))) {
            assertThat(closed.check().message()).contains("cannot reach MySQL/MariaDB at 127.0.0.1:1");
        }
    }

    private static Offset readAll(ReadRequest request, List<Object[]> into) throws Exception {
        Offset offset = request.startOffset();
        try (StreamReader reader = session.openReader(request, Split.WHOLE, MyFixture.context(request.stream()))) {
            for (RecordBatch batch = reader.poll(); batch != null; batch = reader.poll()) {
                into.addAll(batch.rows());
                offset = batch.offsetAfter();
            }
        }
        return offset;
    }
}
