package io.arus.connector.postgresql;

import static org.assertj.core.api.Assertions.assertThat;

import io.arus.api.connector.ReadRequest;
import io.arus.api.connector.Split;
import io.arus.api.connector.StreamId;
import io.arus.api.connector.StreamReader;
import io.arus.api.record.RecordBatch;
import io.arus.connector.jdbc.DatabaseFixture;
import io.arus.connector.jdbc.ReaderContract;
import java.time.Duration;
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
