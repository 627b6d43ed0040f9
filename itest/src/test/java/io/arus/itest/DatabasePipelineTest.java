package io.arus.itest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Pipelines between the real test databases (PostgreSQL and MariaDB, brought up by scripts/test-services.sh):
 * after every run the destination's checksum must equal the source's (soft-deleted rows excluded).
 */
class DatabasePipelineTest {
    private static final String PG_CHECKSUM = "SELECT coalesce(md5(string_agg(concat_ws('|', id, name, email, balance, "
            + "to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US'), note), ',' ORDER BY id)), 'empty') FROM %s";
    private static final String MARIA_CHECKSUM = "SELECT coalesce(md5(group_concat(concat_ws('|', id, name, email, balance, "
            + "date_format(updated_at, '%%Y-%%m-%%d %%H:%%i:%%s.%%f'), note) ORDER BY id SEPARATOR ',')), 'empty') FROM %s";

    static ArusServer server;
    static String pgDestination;

    @BeforeAll
    static void setUp() throws Exception {
        server = ArusServer.await();
        pgDestination = create("/api/destinations", "postgresql", pgConfig());
    }

    @Test
    void postgresToPostgresFullThenIncrementalWithInsertsUpdatesAndSoftDeletes() throws Exception {
        String schema = "e2e_src_" + shortId();
        createCustomers(schema, 5000, " ✓ 🚀");
        String source = create("/api/sources", "postgresql", pgConfig());
        String target = "e2e_dst_" + shortId();
        String pipeline = pipeline(source, schema + ".customers", target, 700, Map.of("row_count", "fail",
                "unique_key", "fail", "max_null_ratio", Map.of("email", 0.1)));

        JsonNode first = run(pipeline);
        assertSucceeded(first);
        assertThat(pgChecksum(target)).isEqualTo(pgSourceChecksum(schema));
        assertThat(first.path("streams").get(0).path("checks")).extracting(c -> c.path("check").asText() + "=" + c.path("status").asText())
                .containsExactly("row_count=passed", "unique_key=passed", "null_ratio:email=passed");

        Sql.postgres("arus_test", "INSERT INTO " + schema + ".customers SELECT g, 'New ' || g, NULL, 1.5, now(), NULL, NULL"
                + " FROM generate_series(5001, 5300) g;"
                + " UPDATE " + schema + ".customers SET name = name || ' (updated)', updated_at = now() WHERE id % 97 = 0;"
                + " UPDATE " + schema + ".customers SET deleted_at = now(), updated_at = now() WHERE id % 250 = 0;");
        JsonNode second = run(pipeline);
        assertSucceeded(second);
        assertThat(second.path("streams").get(0).path("checks").get(0).path("detail").asText())
                .as("soft-deleted rows are left out of the source count").isEqualTo("source 5279 rows, destination 5279");
        assertThat(second.path("streams").get(0).path("rows_read").asLong()).as("only changed rows")
                .isBetween(300L + 51, 300L + 51 + 20 + 5);
        assertThat(pgChecksum(target)).isEqualTo(pgSourceChecksum(schema));
        assertThat(Sql.postgres("arus_test", "SELECT count(*) FROM " + target + ".customers WHERE id % 250 = 0")).isEqualTo("0");
    }

    @Test
    void mariadbToPostgresFullThenIncremental() throws Exception {
        String database = "e2e_" + shortId();
        Sql.mariadb("arus_test", "CREATE DATABASE " + database + " CHARACTER SET utf8mb4");
        Sql.mariadb(database, "CREATE TABLE customers (id BIGINT PRIMARY KEY, name VARCHAR(100) NOT NULL, email TEXT,"
                + " balance DECIMAL(12,2), updated_at TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), deleted_at TIMESTAMP(6) NULL,"
                + " note TEXT);"
                + " INSERT INTO customers SELECT seq, CONCAT('Customer ', seq, ' ✓ 🚀'), CONCAT('c', seq, '@example.com'),"
                + " (seq * 37 % 100000) / 100, TIMESTAMP('2024-03-01') + INTERVAL seq SECOND, NULL,"
                + " IF(seq % 10 = 0, NULL, CONCAT('note ', seq)) FROM seq_1_to_4000;");
        Map<String, Object> config = new LinkedHashMap<>(Map.of("host", "127.0.0.1", "port", 3306, "database", database,
                "username", "arus", "password", "arus"));
        String source = create("/api/sources", "mariadb", config);
        String target = "e2e_maria_" + shortId();
        String pipeline = pipeline(source, database + ".customers", target, 500);

        assertSucceeded(run(pipeline));
        assertThat(pgChecksum(target)).isEqualTo(mariaSourceChecksum(database));

        Sql.mariadb(database, "INSERT INTO customers SELECT seq, CONCAT('New ', seq), NULL, 2.25, NOW(6), NULL, NULL FROM seq_4001_to_4200;"
                + " UPDATE customers SET name = CONCAT(name, ' (updated)'), updated_at = NOW(6) WHERE id % 89 = 0;"
                + " UPDATE customers SET deleted_at = NOW(6), updated_at = NOW(6) WHERE id % 400 = 0;");
        assertSucceeded(run(pipeline));
        assertThat(pgChecksum(target)).isEqualTo(mariaSourceChecksum(database));
        Sql.mariadb("arus_test", "DROP DATABASE " + database);
    }

    @Test
    void tenThousandRowsSharingOneCursorValueAllArriveWithBatchesOfAThousand() throws Exception {
        String schema = "e2e_same_" + shortId();
        Sql.postgres("arus_test", "CREATE SCHEMA " + schema + "; CREATE TABLE " + schema + ".events (id bigint PRIMARY KEY,"
                + " payload text, updated_at timestamptz NOT NULL);"
                + " INSERT INTO " + schema + ".events SELECT g, 'event ' || g, timestamptz '2024-05-01 12:00:00+00'"
                + " FROM generate_series(1, 10000) g;");
        String source = create("/api/sources", "postgresql", pgConfig());
        String target = "e2e_same_dst_" + shortId();
        String pipeline = pipeline(source, schema + ".events", target, 1000);

        JsonNode run = run(pipeline);

        assertSucceeded(run);
        assertThat(Sql.postgres("arus_test", "SELECT count(*), count(DISTINCT id), min(id), max(id) FROM " + target + ".events"))
                .isEqualTo("10000|10000|1|10000");
    }

    @Test
    void aNewSourceColumnIsAddedToTheDestinationAndAnIncompatibleChangeStopsTheStreamWithAClearMessage() throws Exception {
        String schema = "e2e_drift_" + shortId();
        Sql.postgres("arus_test", "CREATE SCHEMA " + schema + "; CREATE TABLE " + schema + ".items (id bigint PRIMARY KEY,"
                + " name text, updated_at timestamptz NOT NULL);"
                + " INSERT INTO " + schema + ".items SELECT g, 'item ' || g, timestamptz '2024-01-01 00:00:00+00' + g * interval '1 minute'"
                + " FROM generate_series(1, 2000) g;");
        String source = create("/api/sources", "postgresql", pgConfig());
        String target = "e2e_drift_dst_" + shortId();
        String pipeline = pipeline(source, schema + ".items", target, 500);
        assertSucceeded(run(pipeline));

        Sql.postgres("arus_test", "ALTER TABLE " + schema + ".items ADD COLUMN score numeric(10,2);"
                + " UPDATE " + schema + ".items SET score = id / 4.0, updated_at = now() WHERE id % 3 = 0;");
        JsonNode second = run(pipeline);
        assertSucceeded(second);
        assertThat(server.get("/api/runs/" + second.path("id").asText() + "/logs").body())
                .contains("source schema changed: now [score decimal(10,2)]");
        assertThat(Sql.postgres("arus_test", "SELECT data_type FROM information_schema.columns WHERE table_schema = '" + target
                + "' AND table_name = 'items' AND column_name = 'score'")).isEqualTo("numeric");
        String checksum = "SELECT md5(string_agg(concat_ws('|', id, name, score), ',' ORDER BY id)) FROM %s.items";
        assertThat(Sql.postgres("arus_test", String.format(checksum, target)))
                .isEqualTo(Sql.postgres("arus_test", String.format(checksum, schema)));

        Sql.postgres("arus_test", "ALTER TABLE " + schema + ".items ALTER COLUMN score TYPE bytea USING convert_to(score::text, 'UTF8');"
                + " UPDATE " + schema + ".items SET updated_at = now() WHERE id = 1;");
        JsonNode third = run(pipeline);
        assertThat(third.path("status").asText()).isEqualTo("failed");
        assertThat(third.path("streams").get(0).path("error").asText()).contains("score");
        assertThat(third.path("error").asText()).contains(schema + ".items");
        assertThat(Sql.postgres("arus_test", String.format(checksum, target))).as("the destination is left as it was")
                .isEqualTo(Sql.postgres("arus_test", "SELECT md5(string_agg(concat_ws('|', id, name, "
                        + "convert_from(score, 'UTF8')::numeric), ',' ORDER BY id)) FROM " + schema + ".items"));
    }

    @Test
    void aMillionRowRunPausedAndResumedEndsWithTheDestinationEqualToTheSource() throws Exception {
        String schema = "e2e_pause_" + shortId();
        createCustomers(schema, 1_000_000, "");
        // the cursor's index, as a table read incrementally has: without it each 5,000-row page of the keyset reader
        // is a scan and sort of the whole table (0.7-1 s here, 200 of them: the run outlasted the 180 s wait)
        Sql.postgres("arus_test", "CREATE INDEX ON " + schema + ".customers (updated_at, id); ANALYZE " + schema
                + ".customers");
        String source = create("/api/sources", "postgresql", pgConfig());
        String target = "e2e_pause_dst_" + shortId();
        String pipeline = pipeline(source, schema + ".customers", target, 5000);
        HttpResponse<String> started = server.send("POST", "/api/pipelines/" + pipeline + "/runs", null, server.adminToken());
        String runId = ArusServer.JSON.readTree(started.body()).path("run_id").asText();
        server.awaitJson("/api/runs/" + runId, Duration.ofSeconds(60),
                r -> r.path("streams").size() > 0 && r.path("streams").get(0).path("rows_written").asLong() > 0,
                "the run should write its first batches");

        HttpResponse<String> paused = server.send("POST", "/api/runs/" + runId + "/pause", null, server.adminToken());
        assertThat(paused.statusCode()).as(paused.body()).isEqualTo(200);
        assertThat(ArusServer.JSON.readTree(paused.body()).path("status").asText()).isEqualTo("paused");
        server.awaitJson("/api/runs/" + runId + "/logs", Duration.ofSeconds(30),
                logs -> logs.toString().contains("paused at a batch boundary"), "the stream should reach a batch boundary");
        Thread.sleep(1_500); // the counters are saved at most once a second
        long before = Long.parseLong(Sql.postgres("arus_test", "SELECT count(*) FROM " + target + ".customers"));
        Thread.sleep(1_500);
        long after = Long.parseLong(Sql.postgres("arus_test", "SELECT count(*) FROM " + target + ".customers"));
        assertThat(after).as("nothing lands while paused").isEqualTo(before).isLessThan(1_000_000);
        assertThat(server.json("/api/runs/" + runId).path("status").asText()).isEqualTo("paused");
        assertThat(server.send("POST", "/api/runs/" + runId + "/pause", null, server.adminToken()).statusCode())
                .as("pausing twice").isEqualTo(409);

        HttpResponse<String> resumed = server.send("POST", "/api/runs/" + runId + "/resume", null, server.adminToken());
        assertThat(resumed.statusCode()).as(resumed.body()).isEqualTo(200);
        server.awaitJson("/api/runs/" + runId, Duration.ofSeconds(180),
                r -> List.of("succeeded", "succeeded_with_warnings", "failed", "cancelled", "interrupted").contains(r.path("status").asText()),
                "run " + runId + " should end");
        assertSucceeded(server.json("/api/runs/" + runId));
        assertThat(Sql.postgres("arus_test", "SELECT count(*), count(DISTINCT id) FROM " + target + ".customers"))
                .isEqualTo("1000000|1000000");
        assertThat(pgChecksum(target)).isEqualTo(pgSourceChecksum(schema));
        Sql.postgres("arus_test", "DROP SCHEMA " + schema + " CASCADE; DROP SCHEMA " + target + " CASCADE");
    }

    /** The source column is unbounded text; the existing target's varchar(8) is a constraint drift cannot widen. */
    @Test
    void aValueTooLongForItsTargetColumnGoesToDeadLettersAndTheOtherRowsLand() throws Exception {
        String schema = "e2e_long_" + shortId();
        String target = "e2e_long_dst_" + shortId();
        Sql.postgres("arus_test", "CREATE SCHEMA " + schema + "; CREATE TABLE " + schema + ".codes (id bigint PRIMARY KEY,"
                + " code text NOT NULL, updated_at timestamptz NOT NULL);"
                + " INSERT INTO " + schema + ".codes SELECT g, CASE WHEN g IN (7, 42) THEN 'much-too-long-code-' || g ELSE 'c' || g END,"
                + " now() FROM generate_series(1, 100) g;"
                + " CREATE SCHEMA " + target + "; CREATE TABLE " + target + ".codes (id bigint PRIMARY KEY, code varchar(8) NOT NULL,"
                + " updated_at timestamptz NOT NULL);");
        String source = create("/api/sources", "postgresql", pgConfig());
        String pipeline = pipeline(source, schema + ".codes", target, 50);

        JsonNode run = run(pipeline);

        assertThat(run.path("status").asText()).as("two rows were refused").isEqualTo("succeeded_with_warnings");
        assertThat(run.path("streams").get(0).path("rows_rejected").asLong()).isEqualTo(2);
        JsonNode letters = server.json("/api/dead-letters?run_id=" + run.path("id").asText());
        assertThat(letters).extracting(l -> l.path("values").path("id").asLong()).containsExactlyInAnyOrder(7L, 42L);
        assertThat(letters.get(0).path("reason").asText()).containsIgnoringCase("too long");
        assertThat(Sql.postgres("arus_test", "SELECT count(*) FROM " + target + ".codes")).isEqualTo("98");

        // the cause is fixed by hand; the replay writes the refused rows and marks them replayed
        Sql.postgres("arus_test", "ALTER TABLE " + target + ".codes ALTER COLUMN code TYPE text");
        HttpResponse<String> replayed = server.send("POST", "/api/dead-letters/replay",
                "{\"run_id\":\"" + run.path("id").asText() + "\"}", server.adminToken());
        assertThat(replayed.statusCode()).as(replayed.body()).isEqualTo(200);
        assertThat(ArusServer.JSON.readTree(replayed.body()).path("replayed").asInt()).isEqualTo(2);
        assertThat(Sql.postgres("arus_test", "SELECT code FROM " + target + ".codes WHERE id IN (7, 42) ORDER BY id"))
                .isEqualTo("much-too-long-code-7\nmuch-too-long-code-42");
        assertThat(server.json("/api/dead-letters?run_id=" + run.path("id").asText()))
                .allSatisfy(l -> assertThat(l.path("replayed_at").isNull()).isFalse());
        assertThat(server.send("POST", "/api/dead-letters/replay", "{\"run_id\":\"" + run.path("id").asText() + "\"}",
                server.adminToken()).statusCode()).as("nothing left to replay").isEqualTo(400);
    }

    @Test
    void aQualityCheckSetToFailFailsTheRunWithItsNumbers() throws Exception {
        String schema = "e2e_qc_" + shortId();
        Sql.postgres("arus_test", "CREATE SCHEMA " + schema + "; CREATE TABLE " + schema + ".items (id bigint PRIMARY KEY,"
                + " note text, updated_at timestamptz NOT NULL);"
                + " INSERT INTO " + schema + ".items SELECT g, CASE WHEN g % 10 = 0 THEN NULL ELSE 'n' END, now()"
                + " FROM generate_series(1, 1000) g;");
        String source = create("/api/sources", "postgresql", pgConfig());
        String pipeline = pipeline(source, schema + ".items", "e2e_qc_dst_" + shortId(), 500,
                Map.of("max_null_ratio", Map.of("note", 0.05), "null_ratio", "fail"));

        JsonNode run = run(pipeline);

        assertThat(run.path("status").asText()).isEqualTo("failed");
        assertThat(run.path("error").asText()).contains("quality check null_ratio:note failed: 100 nulls in 1000 rows");
        assertThat(run.path("streams").get(0).path("checks")).extracting(c -> c.path("status").asText())
                .containsExactly("passed", "passed", "failed");
        assertThat(run.path("streams").get(0).path("rows_written").asLong()).as("the rows stay").isEqualTo(1000);
    }

    private static String pgSourceChecksum(String schema) throws Exception {
        return Sql.postgres("arus_test", String.format(PG_CHECKSUM, schema + ".customers WHERE deleted_at IS NULL"));
    }

    private static String pgChecksum(String target) throws Exception {
        return Sql.postgres("arus_test", String.format(PG_CHECKSUM, target + ".customers"));
    }

    private static String mariaSourceChecksum(String database) throws Exception {
        return Sql.mariadb(database, String.format(MARIA_CHECKSUM, "customers WHERE deleted_at IS NULL"));
    }

    /**
     * Creates {@code schema.customers} (id key, name, email, balance, updated_at one second apart, deleted_at NULL,
     * note NULL in every 10th row) with ids 1 to {@code rows}; names end with {@code nameSuffix}.
     */
    private static void createCustomers(String schema, int rows, String nameSuffix) throws Exception {
        Sql.postgres("arus_test", "CREATE SCHEMA " + schema + "; CREATE TABLE " + schema + ".customers (id bigint PRIMARY KEY,"
                + " name varchar(100) NOT NULL, email text, balance numeric(12,2), updated_at timestamptz(6) NOT NULL,"
                + " deleted_at timestamptz(6), note text);"
                + " INSERT INTO " + schema + ".customers SELECT g, 'Customer ' || g || '" + nameSuffix + "', 'c' || g"
                + " || '@example.com', (g * 37 % 100000) / 100.0, timestamptz '2024-03-01 00:00:00+00' + g * interval"
                + " '1 second', NULL, CASE WHEN g % 10 = 0 THEN NULL ELSE 'note ' || g END FROM generate_series(1, " + rows
                + ") g;");
    }

    static Map<String, Object> pgConfig() {
        return new LinkedHashMap<>(Map.of("host", "127.0.0.1", "port", 5432, "database", "arus_test", "username", "arus",
                "password", "arus"));
    }

    /** Creates a source or destination through the API (usable from any test class) and answers its id. */
    static String create(String path, String type, Map<String, Object> config) throws Exception {
        return ArusServer.await().create(path, Map.of("name", type + "-" + shortId(), "type", type, "config", config));
    }

    private static String pipeline(String source, String stream, String target, int batchSize) throws Exception {
        return pipeline(source, stream, target, batchSize, null);
    }

    private static String pipeline(String source, String stream, String target, int batchSize, Map<String, Object> checks)
            throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        if (checks != null) {
            body.put("quality_checks", checks);
        }
        body.put("name", "db-" + shortId());
        body.put("source_id", source);
        body.put("destination_id", pgDestination);
        body.put("target_namespace", target);
        body.put("batch_size", batchSize);
        body.put("streams", List.of(Map.of("name", stream, "sync_mode", "incremental")));
        HttpResponse<String> response = server.send("POST", "/api/pipelines", ArusServer.JSON.writeValueAsString(body),
                server.adminToken());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return ArusServer.JSON.readTree(response.body()).path("id").asText();
    }

    private static JsonNode run(String pipeline) throws Exception {
        return server.runToEnd(pipeline);
    }

    private static void assertSucceeded(JsonNode run) throws Exception {
        assertThat(run.path("status").asText()).as(run + "\n" + server.get("/api/runs/" + run.path("id").asText() + "/logs").body())
                .isEqualTo("succeeded");
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
