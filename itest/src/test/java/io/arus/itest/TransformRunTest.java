package io.arus.itest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PG -> PG through the real server with a transform chain: rows a step rejects land in dead letters with the
 * step's reason; after the pipeline is edited (the GET answer PUT back with the step fixed) a replay runs the new
 * chain and writes them; rows a filter drops are counted, not rejected.
 */
class TransformRunTest {
    static ArusServer server;

    @BeforeAll
    static void awaitServer() throws Exception {
        server = ArusServer.await();
    }

    @Test
    void stepRejectsAreDeadLettersThatReplayThroughTheFixedChainAndFilteredRowsAreCounted() throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String schema = "tr_src_" + id;
        String target = "tr_dst_" + id;
        Sql.postgres("arus_test", "CREATE SCHEMA " + schema + "; CREATE TABLE " + schema + ".items (id bigint PRIMARY KEY,"
                + " name text NOT NULL, updated_at timestamptz NOT NULL);"
                + " INSERT INTO " + schema + ".items SELECT g, 'n' || g, now() FROM generate_series(1, 100) g;");
        String source = DatabasePipelineTest.create("/api/sources", "postgresql", DatabasePipelineTest.pgConfig());
        String destination = DatabasePipelineTest.create("/api/destinations", "postgresql", DatabasePipelineTest.pgConfig());
        // rows 7 and 42 make the expression give a text, which the filter rejects; ids ending in 0 are filtered out
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "tr-" + id);
        body.put("source_id", source);
        body.put("destination_id", destination);
        body.put("target_namespace", target);
        body.put("batch_size", 30);
        body.put("streams", List.of(Map.of("name", schema + ".items", "sync_mode", "incremental",
                "transforms", List.of(Map.of("type", "filter",
                        "config", Map.of("expression", "id == 7 || id == 42 ? 'odd' : id % 10 != 0"))))));
        HttpResponse<String> created = server.send("POST", "/api/pipelines", ArusServer.JSON.writeValueAsString(body),
                server.adminToken());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String pipeline = ArusServer.JSON.readTree(created.body()).path("id").asText();

        JsonNode run = server.runToEnd(pipeline);

        assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("succeeded_with_warnings");
        JsonNode stream = run.path("streams").get(0);
        assertThat(stream.path("rows_read").asLong()).isEqualTo(100);
        assertThat(stream.path("rows_filtered").asLong()).as(stream.toString()).isEqualTo(10);
        assertThat(stream.path("rows_rejected").asLong()).isEqualTo(2);
        assertThat(stream.path("rows_written").asLong()).isEqualTo(88);
        assertThat(Sql.postgres("arus_test", "SELECT count(*) FROM " + target + ".items")).isEqualTo("88");
        List<String> letters = new ArrayList<>();
        for (JsonNode letter : server.json("/api/dead-letters?run_id=" + run.path("id").asText())) {
            letters.add(letter.path("id").asText());
            assertThat(letter.path("reason").asText()).isEqualTo("filter: the expression gives odd, not true or false");
            assertThat(letter.path("values").path("name").asText()).startsWith("n");
        }
        assertThat(letters).hasSize(2);

        // the step is fixed by editing the pipeline: what GET answered, PUT back with the new expression
        ObjectNode edited = (ObjectNode) server.json("/api/pipelines/" + pipeline);
        ObjectNode step = (ObjectNode) edited.path("streams").get(0).path("transforms").get(0);
        ((ObjectNode) step.path("config")).put("expression", "id % 10 != 0");
        HttpResponse<String> put = server.send("PUT", "/api/pipelines/" + pipeline, edited.toString(), server.adminToken());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);

        HttpResponse<String> replayed = server.send("POST", "/api/dead-letters/replay",
                ArusServer.JSON.writeValueAsString(Map.of("ids", letters)), server.adminToken());

        assertThat(replayed.statusCode()).as(replayed.body()).isEqualTo(200);
        assertThat(ArusServer.JSON.readTree(replayed.body()).path("replayed").asInt()).as(replayed.body()).isEqualTo(2);
        assertThat(Sql.postgres("arus_test", "SELECT string_agg(name, ',' ORDER BY id) FROM " + target
                + ".items WHERE id IN (7, 42)")).isEqualTo("n7,n42");
    }
}
