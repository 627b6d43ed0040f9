package io.arus.itest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Schedules and dependencies through the API, with pipelines between real PostgreSQL schemas of the test database
 * (scripts/test-services.sh): a cron schedule starts runs by itself until the pipeline is disabled, a downstream
 * pipeline runs after its upstream succeeded and not after it failed, and a dependency cycle is refused.
 */
class SchedulerTest {

    static ArusServer server;
    static String schema;
    static String source;
    static String destination;
    static final List<String> TARGETS = new ArrayList<>();

    @BeforeAll
    static void setUp() throws Exception {
        server = ArusServer.await();
        schema = "sched_" + shortId();
        Sql.postgres("arus_test", "CREATE SCHEMA " + schema + "; CREATE TABLE " + schema + ".items (id bigint PRIMARY KEY,"
                + " name text, updated_at timestamptz NOT NULL);"
                + " INSERT INTO " + schema + ".items SELECT g, 'item ' || g, now() FROM generate_series(1, 20) g;");
        Map<String, Object> pg = new LinkedHashMap<>(Map.of("host", "127.0.0.1", "port", 5432, "database", "arus_test",
                "username", "arus", "password", "arus"));
        source = create("/api/sources", pg);
        destination = create("/api/destinations", pg);
    }

    @AfterAll
    static void tearDown() throws Exception {
        StringBuilder drop = new StringBuilder("DROP SCHEMA IF EXISTS " + schema + " CASCADE;");
        TARGETS.forEach(target -> drop.append(" DROP SCHEMA IF EXISTS ").append(target).append(" CASCADE;"));
        Sql.postgres("arus_test", drop.toString());
    }

    @Test
    void aPipelineScheduledEveryThreeSecondsRunsByItselfUntilItIsDisabled() throws Exception {
        Map<String, Object> body = pipelineBody("items", schema + "_every3");
        body.put("schedule", Map.of("cron", "*/3 * * * * ?", "timezone", "Europe/Berlin"));
        String pipeline = create(body);

        JsonNode runs = server.awaitMatch("/api/pipelines/" + pipeline + "/runs", Duration.ofSeconds(30),
                list -> count(list, "schedule", "succeeded") >= 2, "two scheduled runs should have succeeded");
        assertThat(runs).extracting(r -> r.path("trigger").asText()).containsOnly("schedule");

        HttpResponse<String> disabled = server.send("POST", "/api/pipelines/" + pipeline + "/disable", null,
                server.adminToken());
        assertThat(disabled.statusCode()).as(disabled.body()).isEqualTo(200);
        Thread.sleep(1_500); // the scheduler follows the change event; a fire already under way may still start
        Instant quiet = Instant.now();
        int before = server.json("/api/pipelines/" + pipeline + "/runs").size();
        Thread.sleep(7_000); // more than two periods
        JsonNode after = server.json("/api/pipelines/" + pipeline + "/runs");
        assertThat(after).as("no run after the pipeline was disabled").hasSize(before);
        assertThat(after).allSatisfy(r -> assertThat(Instant.parse(r.path("created_at").asText())).isBefore(quiet));
    }

    @Test
    void aDownstreamRunsAfterItsUpstreamSucceedsAndNotAfterItFails() throws Exception {
        Map<String, Object> upstreamBody = pipelineBody("items", schema + "_up");
        String upstream = create(upstreamBody);
        Map<String, Object> downstreamBody = pipelineBody("items", schema + "_down");
        downstreamBody.put("depends_on", List.of(upstream));
        String downstream = create(downstreamBody);

        assertThat(runToEnd(upstream).path("status").asText()).isEqualTo("succeeded");
        JsonNode triggered = server.awaitMatch("/api/pipelines/" + downstream + "/runs", Duration.ofSeconds(30),
                list -> count(list, "dependency", "succeeded") == 1, "the downstream should run once, by dependency");
        assertThat(triggered).hasSize(1);

        // the upstream now reads a table that does not exist: its run fails
        upstreamBody.put("streams", List.of(Map.of("name", schema + ".missing", "sync_mode", "incremental")));
        HttpResponse<String> updated = server.send("PUT", "/api/pipelines/" + upstream,
                ArusServer.JSON.writeValueAsString(upstreamBody), server.adminToken());
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
        JsonNode failed = runToEnd(upstream);
        assertThat(failed.path("status").asText()).isEqualTo("failed");
        Thread.sleep(3_000);
        assertThat(server.json("/api/pipelines/" + downstream + "/runs")).as("a failed upstream starts nothing").hasSize(1);
    }

    @Test
    void savingADependencyCycleIsA400NamingTheCycle() throws Exception {
        Map<String, Object> firstBody = pipelineBody("items", schema + "_c1");
        String first = create(firstBody);
        Map<String, Object> secondBody = pipelineBody("items", schema + "_c2");
        secondBody.put("depends_on", List.of(first));
        String second = create(secondBody);

        firstBody.put("depends_on", List.of(second));
        HttpResponse<String> refused = server.send("PUT", "/api/pipelines/" + first,
                ArusServer.JSON.writeValueAsString(firstBody), server.adminToken());

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        JsonNode error = ArusServer.JSON.readTree(refused.body()).path("errors").get(0);
        assertThat(error.path("field").asText()).isEqualTo("depends_on");
        String a = (String) firstBody.get("name");
        String b = (String) secondBody.get("name");
        assertThat(error.path("message").asText()).contains("dependency cycle: ")
                .containsAnyOf(a + " -> " + b + " -> " + a, b + " -> " + a + " -> " + b);
        assertThat(server.json("/api/pipelines/" + first).path("depends_on")).as("nothing was saved").isEmpty();
    }

    @Test
    void aWrongCronOrTimeZoneIsA400NamingTheFieldAndThePreviewShowsTheNextFireTimes() throws Exception {
        Map<String, Object> body = pipelineBody("items", schema + "_cron");
        body.put("schedule", Map.of("cron", "0 0 25 * * ?", "timezone", "Europe/Paris"));
        HttpResponse<String> badCron = server.send("POST", "/api/pipelines", ArusServer.JSON.writeValueAsString(body),
                server.adminToken());
        assertThat(badCron.statusCode()).as(badCron.body()).isEqualTo(400);
        assertThat(ArusServer.JSON.readTree(badCron.body()).path("errors").get(0).path("field").asText()).isEqualTo("schedule.cron");
        body.put("schedule", Map.of("cron", "0 0 3 * * ?", "timezone", "Mars/Olympus"));
        HttpResponse<String> badZone = server.send("POST", "/api/pipelines", ArusServer.JSON.writeValueAsString(body),
                server.adminToken());
        assertThat(badZone.statusCode()).as(badZone.body()).isEqualTo(400);
        assertThat(ArusServer.JSON.readTree(badZone.body()).path("errors").get(0).path("field").asText())
                .isEqualTo("schedule.timezone");

        JsonNode preview = server.json("/api/schedule/preview?cron=0+30+2+*+*+%3F&timezone=Asia/Tokyo");
        assertThat(preview.path("next")).hasSize(3);
        // 02:30 in Tokyo, said in Tokyo's time with its offset and zone, and in UTC
        assertThat(preview.path("next").get(0).path("at").asText()).endsWith("T02:30:00+09:00");
        assertThat(preview.path("next").get(0).path("zone").asText()).isEqualTo("Asia/Tokyo");
        assertThat(preview.path("next").get(0).path("utc").asText()).endsWith("17:30:00Z");
        assertThat(preview.path("zone").asText()).isEqualTo("Asia/Tokyo");
        HttpResponse<String> wrong = server.send("GET", "/api/schedule/preview?cron=nonsense", null, server.adminToken());
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(wrong.body()).contains("\"field\":\"cron\"");
    }

    private static long count(JsonNode runs, String trigger, String status) {
        List<JsonNode> matching = new ArrayList<>();
        runs.forEach(run -> {
            if (trigger.equals(run.path("trigger").asText()) && status.equals(run.path("status").asText())) {
                matching.add(run);
            }
        });
        return matching.size();
    }

    private static Map<String, Object> pipelineBody(String table, String target) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "sched-" + shortId());
        body.put("source_id", source);
        body.put("destination_id", destination);
        body.put("target_namespace", target);
        TARGETS.add(target);
        body.put("streams", List.of(Map.of("name", schema + "." + table, "sync_mode", "incremental")));
        return body;
    }

    private static String create(Map<String, Object> body) throws Exception {
        HttpResponse<String> response = server.send("POST", "/api/pipelines", ArusServer.JSON.writeValueAsString(body),
                server.adminToken());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return ArusServer.JSON.readTree(response.body()).path("id").asText();
    }

    private static String create(String path, Map<String, Object> config) throws Exception {
        Map<String, Object> body = Map.of("name", "sched-pg-" + shortId(), "type", "postgresql", "config", config);
        HttpResponse<String> response = server.send("POST", path, ArusServer.JSON.writeValueAsString(body), server.adminToken());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return ArusServer.JSON.readTree(response.body()).path("id").asText();
    }

    private static JsonNode runToEnd(String pipeline) throws Exception {
        return server.runToEnd(pipeline);
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
