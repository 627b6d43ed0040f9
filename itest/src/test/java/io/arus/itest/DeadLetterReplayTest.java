package io.arus.itest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A dead-letter replay is checked whole before any row goes out, and is in the audit log before its rows land:
 * a request the audit log cannot hold must not have replayed anything.
 */
class DeadLetterReplayTest {
    static ArusServer server;

    @BeforeAll
    static void awaitServer() throws Exception {
        server = ArusServer.await();
    }

    @Test
    void anOverLongRunIdIsA400NamingItAndNothingIsReplayed() throws Exception {
        Refused refused = runWithTwoDeadLetters();

        HttpResponse<String> answer = replay(Map.of("ids", refused.letterIds(), "run_id", "r".repeat(600)));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
        assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(ArusServer.JSON.readTree(answer.body()).path("errors").get(0).path("field").asText()).isEqualTo("run_id");
        assertThat(Sql.postgres("arus_test", "SELECT count(*) FROM " + refused.target() + ".codes")).as("no row landed")
                .isEqualTo("98");
        assertThat(server.json("/api/dead-letters?run_id=" + refused.runId()))
                .allSatisfy(letter -> assertThat(letter.path("replayed_at").isNull()).as("still waiting").isTrue());
    }

    @Test
    void anOverLongOrMissingIdIsA400NamingItsPlace() throws Exception {
        Refused refused = runWithTwoDeadLetters();
        List<String> ids = new ArrayList<>(refused.letterIds());
        ids.add("x".repeat(600));

        HttpResponse<String> answer = replay(Map.of("ids", ids));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
        assertThat(ArusServer.JSON.readTree(answer.body()).path("errors").get(0).path("field").asText()).isEqualTo("ids[2]");
        assertThat(Sql.postgres("arus_test", "SELECT count(*) FROM " + refused.target() + ".codes")).isEqualTo("98");
    }

    @Test
    void aReplayIsAuditedWithItsRun() throws Exception {
        Refused refused = runWithTwoDeadLetters();

        HttpResponse<String> answer = replay(Map.of("run_id", refused.runId()));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(ArusServer.JSON.readTree(answer.body()).path("replayed").asInt()).isEqualTo(2);
        List<String> entries = new ArrayList<>();
        for (JsonNode entry : server.json("/api/audit?limit=200")) {
            if (("run:" + refused.runId()).equals(entry.path("target").asText())
                    && entry.path("action").asText().startsWith("dead_letters.")) {
                entries.add(entry.path("action").asText() + ": " + entry.path("detail").asText());
            }
        }
        assertThat(entries).containsExactlyInAnyOrder("dead_letters.replayed: 2 of 2 replayed",
                "dead_letters.replay: 2 dead letter(s) to replay");
    }

    private record Refused(String runId, List<String> letterIds, String target) {
    }

    /**
     * A run whose target column refused two rows (ids 7 and 42); then the column is widened, so that a replay
     * would land them.
     */
    private static Refused runWithTwoDeadLetters() throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String schema = "dl_src_" + id;
        String target = "dl_dst_" + id;
        Sql.postgres("arus_test", "CREATE SCHEMA " + schema + "; CREATE TABLE " + schema + ".codes (id bigint PRIMARY KEY,"
                + " code text NOT NULL, updated_at timestamptz NOT NULL);"
                + " INSERT INTO " + schema + ".codes SELECT g, CASE WHEN g IN (7, 42) THEN 'much-too-long-code-' || g ELSE 'c' || g END,"
                + " now() FROM generate_series(1, 100) g;"
                + " CREATE SCHEMA " + target + "; CREATE TABLE " + target + ".codes (id bigint PRIMARY KEY, code varchar(8) NOT NULL,"
                + " updated_at timestamptz NOT NULL);");
        String source = DatabasePipelineTest.create("/api/sources", "postgresql", DatabasePipelineTest.pgConfig());
        String destination = DatabasePipelineTest.create("/api/destinations", "postgresql", DatabasePipelineTest.pgConfig());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "dl-" + id);
        body.put("source_id", source);
        body.put("destination_id", destination);
        body.put("target_namespace", target);
        body.put("batch_size", 50);
        body.put("streams", List.of(Map.of("name", schema + ".codes", "sync_mode", "incremental")));
        HttpResponse<String> created = server.send("POST", "/api/pipelines", ArusServer.JSON.writeValueAsString(body),
                server.adminToken());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

        JsonNode run = server.runToEnd(ArusServer.JSON.readTree(created.body()).path("id").asText());
        assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("succeeded_with_warnings");
        String runId = run.path("id").asText();
        List<String> letters = new ArrayList<>();
        server.json("/api/dead-letters?run_id=" + runId).forEach(letter -> letters.add(letter.path("id").asText()));
        assertThat(letters).hasSize(2);
        Sql.postgres("arus_test", "ALTER TABLE " + target + ".codes ALTER COLUMN code TYPE text");
        return new Refused(runId, letters, target);
    }

    private static HttpResponse<String> replay(Map<String, ?> body) throws Exception {
        return server.send("POST", "/api/dead-letters/replay", ArusServer.JSON.writeValueAsString(body), server.adminToken());
    }
}
