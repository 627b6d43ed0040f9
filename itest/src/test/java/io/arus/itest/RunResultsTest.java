package io.arus.itest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Honest run results through the API on real runs (PostgreSQL to PostgreSQL): a run that rejected rows ends
 * {@code succeeded_with_warnings} and notifies so; runs are listed across pipelines with filters; the throughput
 * series outlives the run; the log is filtered, searched and downloaded; audit entries name the pipeline; the
 * settings keys are listed with help.
 */
class RunResultsTest {
    static ArusServer server;
    static HttpServer receiver;
    static String source;
    static String destination;
    static final List<String> SCHEMAS = new CopyOnWriteArrayList<>();
    /** Bodies the webhook receiver got, by path. */
    static final List<Map.Entry<String, String>> RECEIVED = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void setUp() throws Exception {
        server = ArusServer.await();
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", RunResultsTest::receive);
        receiver.start();
        source = DatabasePipelineTest.create("/api/sources", "postgresql", DatabasePipelineTest.pgConfig());
        destination = DatabasePipelineTest.create("/api/destinations", "postgresql", DatabasePipelineTest.pgConfig());
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (receiver != null) {
            receiver.stop(0);
        }
        for (String schema : SCHEMAS) {
            Sql.postgres("arus_test", "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    @Test
    void aRunThatRejectedRowsEndsSucceededWithWarningsCountsThemAndNotifiesSo() throws Exception {
        String path = "/warned-" + shortId();
        String target = send("POST", "/api/notification-targets", Map.of("name", "warned-" + shortId(), "type", "webhook",
                "config", Map.of("url", "http://127.0.0.1:" + receiver.getAddress().getPort() + path)), 201)
                .path("id").asText();
        Tables tables = tables(List.of(7, 42));
        JsonNode pipeline = pipeline(tables, List.of(Map.of("target_id", target,
                "events", List.of("run_succeeded_with_warnings"))));

        JsonNode run = server.runToEnd(pipeline.path("id").asText());

        assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("succeeded_with_warnings");
        assertThat(run.path("pipeline_name").asText()).isEqualTo(pipeline.path("name").asText());
        assertThat(run.path("rows_read").asLong()).isEqualTo(100);
        assertThat(run.path("rows_written").asLong()).isEqualTo(98);
        assertThat(run.path("rows_rejected").asLong()).isEqualTo(2);
        assertThat(run.path("rows_deleted").isNumber()).as("rows_deleted is counted").isTrue();
        JsonNode stream = run.path("streams").get(0);
        assertThat(stream.path("status").asText()).isEqualTo("succeeded_with_warnings");
        assertThat(stream.path("rows_deleted").asLong()).isZero();
        // the row count differs by the two refused rows: the check warned, and the run view says so
        assertThat(run.path("checks")).anySatisfy(check -> {
            assertThat(check.path("stream").asText()).isEqualTo(tables.stream());
            assertThat(check.path("name").asText()).isEqualTo("row_count");
            assertThat(check.path("outcome").asText()).isEqualTo("warned");
            assertThat(check.path("message").asText()).contains("source 100 rows, destination 98");
        });
        assertThat(run.path("schema_changes").isArray()).isTrue();

        List<String> bodies = awaitPosts(path);
        JsonNode notification = ArusServer.JSON.readTree(bodies.get(0));
        assertThat(notification.path("event").asText()).isEqualTo("run_succeeded_with_warnings");
        assertThat(notification.path("status").asText()).isEqualTo("succeeded_with_warnings");
        assertThat(notification.path("run_id").asText()).isEqualTo(run.path("id").asText());
        assertThat(notification.path("counts").path("rows_rejected").asLong()).isEqualTo(2);
    }

    @Test
    void runsOfAllPipelinesAreListedNewestFirstFilteredByPipelineStatusTriggerAndTime() throws Exception {
        JsonNode clean = pipeline(tables(List.of()), null);
        JsonNode warned = pipeline(tables(List.of(3)), null);
        String cleanId = clean.path("id").asText();
        String warnedId = warned.path("id").asText();
        JsonNode first = server.runToEnd(cleanId);
        JsonNode manual = runToEnd(cleanId, "manual");
        JsonNode rejecting = server.runToEnd(warnedId);
        assertThat(first.path("status").asText()).as(first.toString()).isEqualTo("succeeded");
        assertThat(rejecting.path("status").asText()).isEqualTo("succeeded_with_warnings");

        JsonNode ofClean = server.json("/api/runs?pipeline_id=" + cleanId);
        assertThat(ids(ofClean)).containsExactly(manual.path("id").asText(), first.path("id").asText());
        JsonNode item = ofClean.get(1);
        assertThat(item.path("pipeline_id").asText()).isEqualTo(cleanId);
        assertThat(item.path("pipeline_name").asText()).isEqualTo(clean.path("name").asText());
        assertThat(item.path("status").asText()).isEqualTo("succeeded");
        assertThat(item.path("trigger").asText()).isEqualTo("api");
        assertThat(item.path("started_at").asText()).isNotEmpty();
        assertThat(item.path("ended_at").asText()).isNotEmpty();
        assertThat(item.path("rows_read").asLong()).isEqualTo(100);
        assertThat(item.path("rows_written").asLong()).isEqualTo(100);
        assertThat(item.path("rows_deleted").asLong()).isZero();
        assertThat(item.path("rows_rejected").asLong()).isZero();

        assertThat(ids(server.json("/api/runs?status=succeeded_with_warnings&pipeline_id=" + warnedId)))
                .containsExactly(rejecting.path("id").asText());
        assertThat(server.json("/api/runs?status=succeeded_with_warnings&pipeline_id=" + warnedId).get(0)
                .path("rows_rejected").asLong()).isEqualTo(1);
        assertThat(ids(server.json("/api/runs?trigger=manual&pipeline_id=" + cleanId)))
                .containsExactly(manual.path("id").asText());
        String afterFirst = encode(Instant.parse(first.path("created_at").asText()).plusNanos(1_000).toString());
        assertThat(ids(server.json("/api/runs?pipeline_id=" + cleanId + "&since=" + afterFirst)))
                .containsExactly(manual.path("id").asText());
        assertThat(ids(server.json("/api/runs?pipeline_id=" + cleanId + "&until=" + afterFirst)))
                .containsExactly(first.path("id").asText());
        assertThat(ids(server.json("/api/runs?limit=2"))).hasSize(2);
        assertThat(ids(server.json("/api/runs?limit=500"))).contains(rejecting.path("id").asText(),
                manual.path("id").asText(), first.path("id").asText());

        assertThat(problemField("/api/runs?status=bogus")).isEqualTo("status");
        assertThat(problemField("/api/runs?trigger=cron")).isEqualTo("trigger");
        assertThat(problemField("/api/runs?since=yesterday")).isEqualTo("since");
        assertThat(problemField("/api/runs?limit=501")).isEqualTo("limit");
        assertThat(problemField("/api/runs?offset=-1")).isEqualTo("offset");
    }

    @Test
    void theThroughputSeriesIsThereAfterTheRunEnded() throws Exception {
        JsonNode run = server.runToEnd(pipeline(tables(List.of()), null).path("id").asText());
        assertThat(run.path("status").asText()).isEqualTo("succeeded");

        JsonNode series = server.json("/api/runs/" + run.path("id").asText() + "/series");

        assertThat(series).isNotEmpty();
        JsonNode last = series.get(series.size() - 1);
        assertThat(last.path("rows_read").asLong()).isEqualTo(100);
        assertThat(last.path("rows_written").asLong()).isEqualTo(100);
        assertThat(last.path("rows_per_s").isNumber()).isTrue();
        assertThat(Instant.parse(last.path("at").asText())).isAfterOrEqualTo(Instant.parse(run.path("started_at").asText()));
        assertThat(server.get("/api/runs/no-such-run/series").statusCode()).isEqualTo(404);
    }

    @Test
    void theLogIsFilteredByLevelSearchedAndDownloadedAsText() throws Exception {
        JsonNode run = server.runToEnd(pipeline(tables(List.of(5)), null).path("id").asText());
        String runId = run.path("id").asText();

        JsonNode warnings = server.json("/api/runs/" + runId + "/log?level=warn");
        assertThat(warnings).isNotEmpty().allSatisfy(line -> assertThat(line.path("level").asText()).isIn("warn", "error"));
        assertThat(warnings.toString()).contains("1 rows rejected");
        JsonNode searched = server.json("/api/runs/" + runId + "/log?q=QUALITY+CHECKS");
        assertThat(searched).isNotEmpty().allSatisfy(line ->
                assertThat(line.path("message").asText().toLowerCase()).contains("quality checks"));
        JsonNode all = server.json("/api/runs/" + runId + "/log");
        assertThat(all.size()).isGreaterThan(warnings.size());
        assertThat(server.json("/api/runs/" + runId + "/log?limit=1&offset=1").get(0)).isEqualTo(all.get(1));

        HttpResponse<String> download = server.get("/api/runs/" + runId + "/log?format=text");
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        assertThat(download.headers().firstValue("Content-Disposition").orElse(""))
                .isEqualTo("attachment; filename=\"run-" + runId + ".log\"");
        assertThat(download.body().lines().count()).isEqualTo(all.size());
        assertThat(download.body()).contains("INFO  run of pipeline").contains("WARN  ").contains("1 rows rejected");
        HttpResponse<String> accepted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(server.base() + "/api/runs/" + runId + "/log")).header("Accept", "text/plain")
                .header("Authorization", "Bearer " + server.adminToken()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(accepted.headers().firstValue("Content-Disposition").orElse("")).contains("run-" + runId + ".log");
        assertThat(accepted.body()).isEqualTo(download.body());

        assertThat(problemField("/api/runs/" + runId + "/log?level=loud")).isEqualTo("level");
        assertThat(problemField("/api/runs/" + runId + "/log?format=pdf")).isEqualTo("format");
    }

    @Test
    void auditEntriesAboutRunsAndPipelinesNameThePipeline() throws Exception {
        JsonNode pipeline = pipeline(tables(List.of(9)), null);
        JsonNode run = server.runToEnd(pipeline.path("id").asText());
        HttpResponse<String> replayed = server.send("POST", "/api/dead-letters/replay",
                ArusServer.JSON.writeValueAsString(Map.of("run_id", run.path("id").asText())), server.adminToken());
        assertThat(replayed.statusCode()).as(replayed.body()).isEqualTo(200);

        List<JsonNode> aboutRun = new ArrayList<>();
        List<JsonNode> aboutPipeline = new ArrayList<>();
        for (JsonNode entry : server.json("/api/audit?limit=200")) {
            if (entry.path("target").asText().equals("run:" + run.path("id").asText())) {
                aboutRun.add(entry);
            }
            if (entry.path("target").asText().equals("pipeline:" + pipeline.path("id").asText())) {
                aboutPipeline.add(entry);
            }
        }
        assertThat(aboutRun).isNotEmpty().allSatisfy(entry -> {
            assertThat(entry.path("target_name").asText()).isEqualTo(pipeline.path("name").asText());
            assertThat(entry.path("pipeline_id").asText()).isEqualTo(pipeline.path("id").asText());
        });
        assertThat(aboutPipeline).extracting(e -> e.path("action").asText()).contains("pipeline.create", "pipeline.run");
        assertThat(aboutPipeline).allSatisfy(entry ->
                assertThat(entry.path("target_name").asText()).isEqualTo(pipeline.path("name").asText()));
    }

    @Test
    void softDeletedRowsAreCountedAsDeletedAndASourceSchemaChangeIsKeptWithTheRun() throws Exception {
        String id = shortId();
        String schema = "rr_soft_" + id;
        String target = "rr_soft_dst_" + id;
        SCHEMAS.add(schema);
        SCHEMAS.add(target);
        Sql.postgres("arus_test", "CREATE SCHEMA " + schema + "; CREATE TABLE " + schema + ".items (id bigint PRIMARY KEY,"
                + " name text NOT NULL, updated_at timestamptz NOT NULL, deleted_at timestamptz);"
                + " INSERT INTO " + schema + ".items SELECT g, 'item ' || g, now(), CASE WHEN g % 20 = 0 THEN now() END"
                + " FROM generate_series(1, 100) g; CREATE SCHEMA " + target + ";");
        String pipeline = pipeline(new Tables(schema, schema + ".items", target), null).path("id").asText();

        JsonNode first = server.runToEnd(pipeline);

        assertThat(first.path("status").asText()).as(first.toString()).isEqualTo("succeeded");
        assertThat(first.path("rows_deleted").asLong()).isEqualTo(5);
        assertThat(first.path("rows_written").asLong()).isEqualTo(95);
        assertThat(first.path("streams").get(0).path("rows_deleted").asLong()).isEqualTo(5);
        assertThat(first.path("schema_changes")).isEmpty();
        assertThat(server.json("/api/runs?pipeline_id=" + pipeline).get(0).path("rows_deleted").asLong()).isEqualTo(5);

        Sql.postgres("arus_test", "ALTER TABLE " + schema + ".items ADD COLUMN note text;"
                + " UPDATE " + schema + ".items SET note = 'n', updated_at = now() + interval '1 second' WHERE id <= 3;");
        JsonNode second = server.runToEnd(pipeline);

        assertThat(second.path("status").asText()).as(second.toString()).startsWith("succeeded");
        assertThat(second.path("schema_changes")).anySatisfy(change -> {
            assertThat(change.path("stream").asText()).isEqualTo(schema + ".items");
            assertThat(change.path("kind").asText()).isEqualTo("column_added");
            assertThat(change.path("column").asText()).isEqualTo("note");
        });
        assertThat(server.json("/api/runs/" + first.path("id").asText()).path("schema_changes")).isEmpty();
    }

    @Test
    void theSettingsKeysTheServerReadsAreListedWithTypeDefaultAndHelp() throws Exception {
        JsonNode keys = server.json("/api/settings/keys");

        assertThat(keys).anySatisfy(key -> {
            assertThat(key.path("key").asText()).isEqualTo("arus.public.url");
            assertThat(key.path("type").asText()).isEqualTo("url");
            assertThat(key.has("default")).isTrue();
            assertThat(key.path("help").asText()).contains("Notifications link");
        });
    }

    private record Tables(String schema, String stream, String target) {
    }

    /** A source table of 100 codes (those of {@code tooLong} ids do not fit the target's varchar(8)). */
    private static Tables tables(List<Integer> tooLong) throws Exception {
        String id = shortId();
        String schema = "rr_src_" + id;
        String target = "rr_dst_" + id;
        SCHEMAS.add(schema);
        SCHEMAS.add(target);
        String refused = tooLong.isEmpty() ? "false" : "g IN (" + String.join(", ", tooLong.stream().map(String::valueOf).toList()) + ")";
        Sql.postgres("arus_test", "CREATE SCHEMA " + schema + "; CREATE TABLE " + schema + ".codes (id bigint PRIMARY KEY,"
                + " code text NOT NULL, updated_at timestamptz NOT NULL);"
                + " INSERT INTO " + schema + ".codes SELECT g, CASE WHEN " + refused + " THEN 'much-too-long-code-' || g"
                + " ELSE 'c' || g END, now() FROM generate_series(1, 100) g;"
                + " CREATE SCHEMA " + target + "; CREATE TABLE " + target + ".codes (id bigint PRIMARY KEY, code varchar(8) NOT NULL,"
                + " updated_at timestamptz NOT NULL);");
        return new Tables(schema, schema + ".codes", target);
    }

    private static JsonNode pipeline(Tables tables, List<Map<String, Object>> notifications) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "rr-" + shortId());
        body.put("source_id", source);
        body.put("destination_id", destination);
        body.put("target_namespace", tables.target());
        body.put("batch_size", 50);
        body.put("streams", List.of(Map.of("name", tables.stream(), "sync_mode", "incremental")));
        if (notifications != null) {
            body.put("notifications", notifications);
        }
        return send("POST", "/api/pipelines", body, 201);
    }

    private static JsonNode runToEnd(String pipeline, String trigger) throws Exception {
        String runId = send("POST", "/api/pipelines/" + pipeline + "/runs", Map.of("trigger", trigger), 202)
                .path("run_id").asText();
        return server.awaitMatch("/api/runs/" + runId, Duration.ofSeconds(120),
                r -> r.path("ended_at").isTextual(), "run " + runId + " should end");
    }

    private static List<String> ids(JsonNode runs) {
        List<String> ids = new ArrayList<>();
        runs.forEach(run -> ids.add(run.path("id").asText()));
        return ids;
    }

    private static String problemField(String path) throws Exception {
        HttpResponse<String> response = server.get(path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        return ArusServer.JSON.readTree(response.body()).path("errors").get(0).path("field").asText();
    }

    private static JsonNode send(String method, String path, Object body, int expected) throws Exception {
        HttpResponse<String> response = server.send(method, path,
                body == null ? null : ArusServer.JSON.writeValueAsString(body), server.adminToken());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(expected);
        return ArusServer.JSON.readTree(response.body());
    }

    private static List<String> awaitPosts(String path) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            List<String> bodies = RECEIVED.stream().filter(e -> e.getKey().equals(path)).map(Map.Entry::getValue).toList();
            if (!bodies.isEmpty()) {
                return bodies;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no notification posted to " + path + " within 30 s");
    }

    private static void receive(HttpExchange exchange) throws IOException {
        try (exchange) {
            RECEIVED.add(Map.entry(exchange.getRequestURI().getPath(),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(200, -1);
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
