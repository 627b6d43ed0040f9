package io.arus.itest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The python transform through the server, PostgreSQL to PostgreSQL (issue 14 must-show): a step that derives columns
 * lands values equal to the same computation in SQL; a step that raises fails the run with its traceback in the run
 * log; a runner killed with SIGKILL mid-run fails the run, and the next run leaves the destination equal to the source.
 */
class PythonStepTest {
    private static final String DERIVE = """
            import sys
            def transform(rows):
                for r in rows:
                    r["name_upper"] = r["name"].upper()
                    r["price_x3"] = r["price"] * 3
                    r["id_squared"] = r["id"] * r["id"]
                print("python step saw %d rows" % len(rows), file=sys.stderr)
                return rows
            """;
    private static final Map<String, String> DERIVED = columns("name_upper", "string", "price_x3", "decimal(14,2)",
            "id_squared", "int64");
    private static final String DESTINATION_SUM = "SELECT md5(string_agg(concat_ws('|', id, name, price, name_upper, "
            + "price_x3, id_squared), ',' ORDER BY id)) FROM %s.items";
    private static final String SOURCE_SUM = "SELECT md5(string_agg(concat_ws('|', id, name, price, upper(name), "
            + "(price * 3)::numeric(14,2), id * id), ',' ORDER BY id)) FROM %s.items";

    static ArusServer server;
    static String destination;

    @BeforeAll
    static void setUp() throws Exception {
        server = ArusServer.await();
        destination = DatabasePipelineTest.create("/api/destinations", "postgresql", DatabasePipelineTest.pgConfig());
    }

    @Test
    void aStepThatDerivesColumnsLandsTheSameValuesAsSqlAndLogsItsStderr() throws Exception {
        String schema = items(3000);
        String target = "e2e_py_dst_" + shortId();
        String pipeline = pipeline(schema, target, 1000, python(DERIVE, DERIVED));

        JsonNode run = server.runToEnd(pipeline);

        assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("succeeded");
        assertThat(Sql.postgres("arus_test", String.format(DESTINATION_SUM, target)))
                .isEqualTo(Sql.postgres("arus_test", String.format(SOURCE_SUM, schema)));
        assertThat(Sql.postgres("arus_test", "SELECT data_type FROM information_schema.columns WHERE table_schema = '"
                + target + "' AND table_name = 'items' AND column_name = 'price_x3'")).isEqualTo("numeric");
        assertThat(logs(run)).contains("python: python step saw 1000 rows");
        dropSchemas(schema, target);
    }

    @Test
    void aStepThatRaisesFailsTheRunWithItsTracebackInTheRunLog() throws Exception {
        String schema = items(500);
        String target = "e2e_py_raise_" + shortId();
        String pipeline = pipeline(schema, target, 100, python("""
                def check(row):
                    if row["id"] == 313:
                        raise ValueError("no row 313 please")
                    return row

                def transform(rows):
                    return [check(r) for r in rows]
                """, Map.of()));

        JsonNode run = server.runToEnd(pipeline);

        assertThat(run.path("status").asText()).isEqualTo("failed");
        String logs = logs(run);
        assertThat(logs).contains("Traceback (most recent call last)").contains("in check")
                .contains("ValueError: no row 313 please");
        assertThat(Long.parseLong(Sql.postgres("arus_test", "SELECT count(*) FROM " + target + ".items")))
                .as("the failing batch did not land").isLessThanOrEqualTo(300);
        assertThat(Sql.postgres("arus_test", "SELECT count(*) FROM " + target + ".items WHERE id = 313")).isEqualTo("0");
        dropSchemas(schema, target);
    }

    @Test
    void aRunnerKilledMidRunFailsTheRunAndTheNextRunMakesTheDestinationEqualTheSource() throws Exception {
        String schema = items(200_000);
        String target = "e2e_py_kill_" + shortId();
        String slow = DERIVE.replace("import sys", "import sys, time").replace("    return rows",
                "    time.sleep(0.1)\n    return rows");
        String pipeline = pipeline(schema, target, 5000, python(slow, DERIVED));
        HttpResponse<String> started = server.send("POST", "/api/pipelines/" + pipeline + "/runs", null, server.adminToken());
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String runId = ArusServer.JSON.readTree(started.body()).path("run_id").asText();
        server.awaitJson("/api/runs/" + runId, Duration.ofSeconds(60),
                r -> r.path("streams").size() > 0 && r.path("streams").get(0).path("rows_written").asLong() > 0,
                "the run should write its first batches");

        ProcessHandle runner = runnerProcess().orElseThrow(() -> new AssertionError("no python runner process found"));
        assertThat(runner.destroyForcibly()).as("SIGKILL sent").isTrue();
        server.awaitJson("/api/runs/" + runId, Duration.ofSeconds(60),
                r -> List.of("succeeded", "succeeded_with_warnings", "failed", "cancelled", "interrupted")
                        .contains(r.path("status").asText()), "the run should end");
        JsonNode killed = server.json("/api/runs/" + runId);
        assertThat(killed.path("status").asText()).isEqualTo("failed");
        assertThat(server.get("/api/runs/" + runId + "/logs").body())
                .contains("python runner exited with code 137 while transforming a batch");
        long landed = Long.parseLong(Sql.postgres("arus_test", "SELECT count(*) FROM " + target + ".items"));
        assertThat(landed).as("part of the table landed").isBetween(1L, 199_999L);

        JsonNode next = server.runToEnd(pipeline);

        assertThat(next.path("status").asText()).as(next.toString()).isEqualTo("succeeded");
        assertThat(next.path("streams").get(0).path("rows_read").asLong()).as("the next run resumes from the offset")
                .isLessThan(200_000);
        assertThat(Sql.postgres("arus_test", "SELECT count(*), count(DISTINCT id) FROM " + target + ".items"))
                .isEqualTo("200000|200000");
        assertThat(Sql.postgres("arus_test", String.format(DESTINATION_SUM, target)))
                .isEqualTo(Sql.postgres("arus_test", String.format(SOURCE_SUM, schema)));
        assertThat(runnerProcess()).as("no runner left behind").isEmpty();
        dropSchemas(schema, target);
    }

    private static Optional<ProcessHandle> runnerProcess() {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().orElse("").contains("arus-python-runner-"))
                .findFirst();
    }

    private static Map<String, Object> python(String code, Map<String, String> columns) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("code", code);
        config.put("columns", columns);
        return Map.of("type", "python", "config", config);
    }

    private static Map<String, String> columns(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    /** Creates {@code schema.items} (id key, name, price numeric(12,2), updated_at a second apart) with ids 1 to rows. */
    private static String items(int rows) throws Exception {
        String schema = "e2e_py_src_" + shortId();
        Sql.postgres("arus_test", "CREATE SCHEMA " + schema + "; CREATE TABLE " + schema + ".items (id bigint PRIMARY KEY,"
                + " name text NOT NULL, price numeric(12,2), updated_at timestamptz NOT NULL);"
                + " INSERT INTO " + schema + ".items SELECT g, 'item ' || g || ' ✓', (g * 37 % 100000) / 100.0,"
                + " timestamptz '2024-03-01 00:00:00+00' + g * interval '1 second' FROM generate_series(1, " + rows + ") g;");
        return schema;
    }

    private static String pipeline(String schema, String target, int batchSize, Map<String, Object> step)
            throws Exception {
        Map<String, Object> stream = new LinkedHashMap<>();
        stream.put("name", schema + ".items");
        stream.put("sync_mode", "incremental");
        stream.put("transforms", List.of(step));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "py-" + shortId());
        body.put("source_id", DatabasePipelineTest.create("/api/sources", "postgresql", DatabasePipelineTest.pgConfig()));
        body.put("destination_id", destination);
        body.put("target_namespace", target);
        body.put("batch_size", batchSize);
        body.put("streams", List.of(stream));
        HttpResponse<String> response = server.send("POST", "/api/pipelines", ArusServer.JSON.writeValueAsString(body),
                server.adminToken());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return ArusServer.JSON.readTree(response.body()).path("id").asText();
    }

    private static String logs(JsonNode run) throws Exception {
        return server.get("/api/runs/" + run.path("id").asText() + "/logs").body();
    }

    private static void dropSchemas(String... schemas) throws Exception {
        Sql.postgres("arus_test", "DROP SCHEMA " + String.join(" CASCADE; DROP SCHEMA ", schemas) + " CASCADE");
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
