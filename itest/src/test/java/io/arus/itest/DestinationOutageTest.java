package io.arus.itest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A destination that goes away in the middle of a run and comes back: the run retries from its last stored offset
 * with a backoff and succeeds by itself, the destination equal to the source, no key twice.
 */
class DestinationOutageTest {
    private static final int ROWS = 1_000_000;
    private static final String CHECKSUM = "SELECT count(*) || ':' || count(DISTINCT id) || ':' || md5(string_agg("
            + "concat_ws('|', id, name, amount, to_char(updated_at, 'YYYY-MM-DD HH24:MI:SS.US')), ',' ORDER BY id)) FROM %s";

    @Test
    void aDestinationStoppedForThirtySecondsInTheMiddleOfARunDoesNotFailIt() throws Exception {
        ArusServer server = ArusServer.await();
        String schema = "outage_" + UUID.randomUUID().toString().substring(0, 8);
        Sql.postgres("arus_test", "CREATE SCHEMA " + schema + "; CREATE TABLE " + schema + ".items (id BIGINT PRIMARY KEY,"
                + " name TEXT, amount NUMERIC(12,2), updated_at TIMESTAMP(6));"
                + " INSERT INTO " + schema + ".items SELECT g, 'item ' || g, (g % 100000) / 100.0,"
                + " timestamp '2024-01-01' + g * interval '1 second' FROM generate_series(1, " + ROWS + ") g");
        try (ScratchPostgres destinationServer = ScratchPostgres.start(55439, "arus_outage")) {
            String source = server.create("/api/sources", Map.of("name", "outage source " + schema, "type", "postgresql",
                    "config", pg(5432, "arus_test")));
            String destination = server.create("/api/destinations", Map.of("name", "outage destination " + schema,
                    "type", "postgresql", "config", pg(destinationServer.port(), "arus_outage")));
            Map<String, Object> pipeline = new LinkedHashMap<>();
            pipeline.put("name", "outage " + schema);
            pipeline.put("source_id", source);
            pipeline.put("destination_id", destination);
            pipeline.put("target_namespace", "outage");
            pipeline.put("batch_size", 1000);
            pipeline.put("retry", Map.of("attempts", 12, "max_delay_seconds", 5));
            pipeline.put("streams", List.of(Map.of("name", schema + ".items", "sync_mode", "incremental",
                    "cursor_field", "id", "primary_key", List.of("id"))));
            String pipelineId = server.create("/api/pipelines", pipeline);
            assertThat(server.json("/api/pipelines/" + pipelineId).path("retry").path("max_delay_seconds").asInt())
                    .isEqualTo(5);

            String run = server.send("POST", "/api/pipelines/" + pipelineId + "/runs", null, server.adminToken()).body()
                    .replaceAll(".*\"run_id\"\\s*:\\s*\"([^\"]+)\".*", "$1");
            server.awaitMatch("/api/runs/" + run, Duration.ofSeconds(60),
                    r -> r.path("streams").path(0).path("rows_written").asLong() > 0, "the run should write rows");
            destinationServer.stop();
            long stopped = System.nanoTime();
            while (System.nanoTime() - stopped < Duration.ofSeconds(30).toNanos()) {
                JsonNode during = server.json("/api/runs/" + run);
                assertThat(during.path("status").asText()).as("while the destination is down: " + during).isEqualTo("running");
                Thread.sleep(1000);
            }
            destinationServer.start();

            server.awaitJson("/api/runs/" + run, Duration.ofSeconds(120),
                    r -> !r.path("status").asText().equals("running"), "the run should end once the destination is back");
            JsonNode ended = server.json("/api/runs/" + run);
            String log = server.get("/api/runs/" + run + "/logs").body();
            assertThat(ended.path("status").asText()).as(ended + "\n" + log).isEqualTo("succeeded");
            assertThat(ended.path("streams").path(0).path("rows_written").asLong())
                    .as("the rows written before the outage are not all written again").isLessThan(2L * ROWS);
            assertThat(log).contains("retry 1 of 12 in 1 s, from the last stored offset").contains("retry 2 of 12 in 2 s");
            assertThat(destinationServer.sql("arus_outage", String.format(CHECKSUM, "outage.items")))
                    .isEqualTo(Sql.postgres("arus_test", String.format(CHECKSUM, schema + ".items")))
                    .startsWith(ROWS + ":" + ROWS + ":");
        } finally {
            Sql.postgres("arus_test", "DROP SCHEMA " + schema + " CASCADE");
        }
    }

    private static Map<String, Object> pg(int port, String database) {
        return Map.of("host", "127.0.0.1", "port", port, "database", database, "username", "arus", "password", "arus");
    }
}
