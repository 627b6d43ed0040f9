package io.arus.connector.postgresql;

import static org.assertj.core.api.Assertions.assertThat;

import io.arus.api.connector.ReadRequest;
import io.arus.api.connector.Split;
import io.arus.api.connector.StreamContext;
import io.arus.api.connector.StreamId;
import io.arus.api.connector.StreamReader;
import io.arus.api.connector.SyncMode;
import io.arus.api.record.Offset;
import io.arus.api.record.RecordBatch;
import io.arus.connector.jdbc.DatabaseFixture;
import io.arus.connector.jdbc.ReaderContract;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The reader contract against the test PostgreSQL, and a wakeup that cancels a running page. */
class PostgresReadTest extends ReaderContract {
    @Override
    protected DatabaseFixture newFixture() throws Exception {
        return new PgFixture();
    }

    /**
     * Incremental at scale: the page query after a stored offset must walk the cursor index, not scan and sort the
     * table. The reader's own query (logged at DEBUG) is explained with the offset's values bound.
     */
    @Test
    void anIncrementalPageAfterAStoredOffsetWalksTheCursorIndex() throws Exception {
        String table = db.q("events");
        db.sql("CREATE TABLE " + table + " (id bigint PRIMARY KEY, amount numeric(12,2), updated_at timestamp(6) NOT NULL)",
                "INSERT INTO " + table + " SELECT g, g / 100.0, timestamp '2024-01-01' + g * interval '1 second'"
                        + " FROM generate_series(1, 200000) g",
                "CREATE INDEX events_cursor ON " + table + " (updated_at, id)",
                "ANALYZE " + table);
        StreamId events = db.table("events");
        LocalDateTime stored = LocalDateTime.of(2024, 1, 1, 0, 0).plusSeconds(199_000);
        ReadRequest request = ReadRequest.builder(events).syncMode(SyncMode.INCREMENTAL).cursorField("updated_at")
                .primaryKey(List.of("id")).batchSize(500)
                .startOffset(Offset.of(Map.of("cursor", stored.toString(), "pk", List.of(199_000L)))).build();
        List<String> queries = new ArrayList<>();
        List<Object[]> rows = new ArrayList<>();
        StreamContext logging = DatabaseFixture.context(events, (level, message) -> {
            if (level == System.Logger.Level.DEBUG && message.startsWith("page query ")) {
                queries.add(message.substring("page query ".length()));
            }
        });
        try (StreamReader reader = session.openReader(request, Split.WHOLE, logging)) {
            for (RecordBatch batch = reader.poll(); batch != null; batch = reader.poll()) {
                rows.addAll(batch.rows());
            }
        }
        assertThat(rows).hasSize(1_000);
        assertThat(queries).isNotEmpty();
        String query = queries.get(0);
        assertThat(query).contains("ORDER BY").contains(" LIMIT ");

        // the query as the reader ran it (COPY reads it with its values in settings, which the planner cannot see
        // through): the stored cursor and key, then the upper bound taken at the start
        assertThat(query).contains("current_setting('arus.p2')");
        db.sql("SELECT set_config('arus.p0', '" + stored + "', false), set_config('arus.p1', '199000', false),"
                + " set_config('arus.p2', '2030-01-01T00:00', false)");
        List<String> plan = strings("EXPLAIN " + query);
        assertThat(String.join("\n", plan)).as("the plan of %s", query).contains("Index Scan using events_cursor")
                .doesNotContain("Seq Scan").doesNotContain("Sort");
    }

    @Test
    void wakeupCancelsARunningPageAndPollReturnsAtOnce() throws Exception {
        db.sql("CREATE VIEW " + db.q("slow") + " AS SELECT id FROM (SELECT 1 AS id, pg_sleep(30)) s");
        StreamId view = db.table("slow");
        ReadRequest request = ReadRequest.builder(view).primaryKey(List.of("id")).batchSize(10).build();
        try (StreamReader reader = session.openReader(request, Split.WHOLE, DatabaseFixture.context(view))) {
            var waker = Executors.newSingleThreadScheduledExecutor();
            try {
                waker.schedule(reader::wakeup, 300, TimeUnit.MILLISECONDS);
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
    void aTableWithoutAKeyIsReadInPageRangesOnOneSnapshotThatUpdatesAndInsertsDoNotDisturb() throws Exception {
        String table = db.q("heap");
        db.sql("CREATE TABLE " + table + " (v bigint NOT NULL, pad text)",
                "INSERT INTO " + table + " SELECT g, repeat('p', 40) FROM generate_series(1, 40000) g",
                "ANALYZE " + table);
        ReadRequest request = ReadRequest.builder(db.table("heap")).batchSize(1000).build();

        List<Split> splits = session.splits(request, 4);

        assertThat(splits).hasSize(4);
        assertThat(splits).extracting(Split::id).allMatch(id -> id.startsWith("pages-"));
        assertThat(splits.get(0).bounds()).doesNotContainKey("page_from").containsKey("page_to");
        assertThat(splits.get(3).bounds()).containsKey("page_from").doesNotContainKey("page_to");
        assertThat(splits).extracting(split -> split.bounds().get("snapshot")).containsOnly(splits.get(0).bounds().get("snapshot"));
        // every row moves to a new page and new rows come, after the cut and before any range is read
        db.sql("UPDATE " + table + " SET pad = pad || 'x'",
                "INSERT INTO " + table + " SELECT g, 'new' FROM generate_series(40001, 41000) g");
        List<Long> read = new ArrayList<>();
        List<StreamReader> readers = new ArrayList<>();
        try {
            for (Split split : splits) {
                readers.add(session.openReader(request, split, DatabaseFixture.context(request.stream())));
            }
            assertThat(exportingTransactions()).as("the snapshot's exporter ends once every range joined it").isZero();
            for (StreamReader reader : readers) {
                List<Long> range = new ArrayList<>();
                for (RecordBatch batch = reader.poll(); batch != null; batch = reader.poll()) {
                    batch.rows().forEach(row -> range.add((Long) row[0]));
                }
                assertThat(range).as("each range holds a share of the rows").hasSizeBetween(5_000, 15_000);
                read.addAll(range);
            }
        } finally {
            for (StreamReader reader : readers) {
                reader.close();
            }
        }
        assertThat(read).as("the rows as they were at the cut, each once").hasSize(40_000).doesNotHaveDuplicates()
                .allMatch(v -> v >= 1 && v <= 40_000);
    }

    @Test
    void aSmallTableWithoutAKeyIsReadWholeAndAKeylessIncrementalReadIsNotCut() throws Exception {
        String table = db.q("small_heap");
        db.sql("CREATE TABLE " + table + " (v bigint, updated_at timestamptz)",
                "INSERT INTO " + table + " SELECT g, now() FROM generate_series(1, 1500) g", "ANALYZE " + table);

        assertThat(session.splits(ReadRequest.builder(db.table("small_heap")).batchSize(1000).build(), 4))
                .containsExactly(Split.WHOLE);
        assertThat(session.splits(ReadRequest.builder(db.table("small_heap")).syncMode(SyncMode.INCREMENTAL)
                .cursorField("updated_at").batchSize(100).build(), 4)).containsExactly(Split.WHOLE);
        assertThat(exportingTransactions()).isZero();
    }

    /** @return the sessions still inside the transaction that exported a snapshot */
    private long exportingTransactions() throws Exception {
        try (var statement = db.admin.createStatement();
             var result = statement.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE query LIKE"
                     + " 'SELECT pg_export_snapshot()%' AND state LIKE 'idle in transaction%'")) {
            result.next();
            return result.getLong(1);
        }
    }

    @Override
    protected String[] tenThousandRowsAtOneInstant(String table) {
        return new String[] {"CREATE TABLE " + table + " (id bigint PRIMARY KEY, updated_at timestamptz NOT NULL, v text)",
                "INSERT INTO " + table + " SELECT g, '2024-01-01T00:00:00Z', 'row ' || g FROM generate_series(1, 10000) g"};
    }

    @Override
    protected String[] compositeKeyRows(String table) {
        return new String[] {"CREATE TABLE " + table + " (a int, b text, v int, PRIMARY KEY (a, b))",
                "INSERT INTO " + table + " SELECT g % 7, 'k' || g, g FROM generate_series(1, 2500) g"};
    }

    @Override
    protected String ordersTable(String table) {
        return "CREATE TABLE " + table + " (id int PRIMARY KEY, status text, updated_at timestamptz)";
    }

    @Override
    protected String now() {
        return "now()";
    }

    @Override
    protected String anHourAgo() {
        return "now() - interval '1 hour'";
    }

    @Override
    protected String clock() {
        return "clock_timestamp()";
    }

    @Override
    protected String[] rowsAMinuteApart(String table) {
        return new String[] {"CREATE TABLE " + table + " (id int PRIMARY KEY, updated_at timestamp)",
                "INSERT INTO " + table + " SELECT g, timestamp '2024-01-01' + g * interval '1 minute'"
                        + " FROM generate_series(1, 100) g"};
    }

    @Override
    protected String[] unkeyedRowsTenPerDate(String table) {
        return new String[] {"CREATE TABLE " + table + " (v int, updated_at date)",
                "INSERT INTO " + table + " SELECT g, date '2024-01-01' + (g / 10) FROM generate_series(1, 95) g"};
    }

    @Override
    protected String[] skewedKeys(String table) {
        return new String[] {"CREATE TABLE " + table + " (id bigint PRIMARY KEY, v text)",
                "INSERT INTO " + table + " SELECT g, 'low ' || g FROM generate_series(1, 20000) g",
                "INSERT INTO " + table + " SELECT 1000000000 + g, 'high ' || g FROM generate_series(1, 20000) g",
                analyze(table)};
    }

    @Override
    protected String analyze(String table) {
        return "ANALYZE " + table;
    }

    @Override
    protected String[] customersAndAView(String table, String view) {
        return new String[] {"CREATE TABLE " + table + " (tenant int, id bigint, name varchar(40) NOT NULL,"
                        + " created_at timestamptz, updated_at timestamptz, birthday date, PRIMARY KEY (tenant, id))",
                "CREATE VIEW " + view + " AS SELECT id, name FROM " + table,
                "INSERT INTO " + table + " SELECT 1, g, 'n', now(), now(), null FROM generate_series(1, 50) g",
                "ANALYZE " + table};
    }

    @Override
    protected void assertEstimateOfFiftyRows(long estimate) {
        assertThat(estimate).isEqualTo(50);
    }

    @Override
    protected String varchar40() {
        return "character varying(40)";
    }

    @Override
    protected boolean isSystemNamespace(String namespace) {
        return namespace.startsWith("pg_") || namespace.equals("information_schema");
    }

    @Override
    protected String serverVersionPattern() {
        return "PostgreSQL \\d+(\\.\\d+)?";
    }

    @Override
    protected Map<String, Object> refusedLogin(String password) {
        // the test server trusts 127.0.0.1 (pg_hba "trust"), so it never checks a password: a role that does not
        // exist is what it refuses here; the MariaDB tests prove a refused password
        return Map.of("username", "no_such_user", "password", password);
    }

    @Override
    protected String refusedLoginMessage() {
        return "authentication failed for user no_such_user";
    }

    @Override
    protected String unreachableMessage() {
        return "cannot reach PostgreSQL at 127.0.0.1:1";
    }
}
