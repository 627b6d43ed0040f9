package io.arus.itest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /metrics}: refused without a token, readable with a viewer's API token, accepted by Prometheus's own
 * linter, and its row counters equal what the run itself counted.
 */
class MetricsTest {
    @Test
    void metricsPassPromtoolAndTheirRowCountersEqualTheRunsCounters() throws Exception {
        ArusServer server = ArusServer.await();
        assertThat(server.send("GET", "/metrics", null, null).statusCode()).isEqualTo(401);
        assertThat(server.send("GET", "/metrics", null, "not-a-token").statusCode()).isEqualTo(401);
        String viewer = Users.token(server, "viewer");
        HttpResponse<String> created = server.send("POST", "/api/tokens",
                ArusServer.JSON.writeValueAsString(Map.of("name", "prometheus")), viewer);
        String scraper = ArusServer.JSON.readTree(created.body()).path("token").asText();

        String schema = "metrics_" + UUID.randomUUID().toString().substring(0, 8);
        Sql.postgres("arus_test", "CREATE SCHEMA " + schema + "; CREATE TABLE " + schema + ".items (id BIGINT PRIMARY KEY,"
                + " name TEXT NOT NULL); INSERT INTO " + schema + ".items SELECT g, 'item ' || g FROM generate_series(1, 4321) g;"
                + " CREATE TABLE " + schema + ".more (id BIGINT PRIMARY KEY, note VARCHAR(20));"
                + " INSERT INTO " + schema + ".more SELECT g, 'note ' || g FROM generate_series(1, 1000) g");
        try {
            Map<String, Object> pg = Map.of("host", "127.0.0.1", "port", 5432, "database", "arus_test", "username", "arus",
                    "password", "arus");
            String source = server.create("/api/sources", Map.of("name", "metrics " + schema, "type", "postgresql", "config", pg));
            String destination = server.create("/api/destinations", Map.of("name", "metrics " + schema, "type", "postgresql",
                    "config", pg));
            String pipeline = server.create("/api/pipelines", Map.of("name", "metrics " + schema, "source_id", source,
                    "destination_id", destination, "target_namespace", schema + "_dst", "batch_size", 500,
                    "streams", List.of(Map.of("name", schema + ".items", "sync_mode", "full_refresh"),
                            Map.of("name", schema + ".more", "sync_mode", "incremental", "cursor_field", "id"))));
            JsonNode first = server.runToEnd(pipeline);
            JsonNode second = server.runToEnd(pipeline);
            assertThat(first.path("status").asText()).as(first.toString()).startsWith("succeeded");

            long written = 0;
            long read = 0;
            long rejected = 0;
            for (JsonNode run : List.of(first, second)) {
                for (JsonNode stream : server.json("/api/runs/" + run.path("id").asText()).path("streams")) {
                    written += stream.path("rows_written").asLong();
                    read += stream.path("rows_read").asLong();
                    rejected += stream.path("rows_rejected").asLong();
                }
            }
            assertThat(written).isEqualTo(2 * 4321 + 1000);
            String label = "pipeline_id=\"" + pipeline + "\"";
            String text = null;
            for (int attempt = 0; attempt < 100; attempt++) { // run events reach the metrics asynchronously
                text = server.send("GET", "/metrics", null, scraper).body();
                if (sum(text, "arus_rows_written_total", label) == written
                        && sum(text, "arus_runs_total", label) == 2) {
                    break;
                }
                Thread.sleep(100);
            }
            assertThat(sum(text, "arus_rows_written_total", label)).isEqualTo(written);
            assertThat(sum(text, "arus_rows_read_total", label)).isEqualTo(read);
            assertThat(sum(text, "arus_rows_rejected_total", label)).isEqualTo(rejected);
            assertThat(sum(text, "arus_runs_total", label)).isEqualTo(2);
            assertThat(sum(text, "arus_run_duration_seconds_count", label)).isEqualTo(2);
            assertThat(sum(text, "arus_batch_duration_seconds_count", label)).as("each run wrote a batch at least")
                    .isGreaterThanOrEqualTo(2);
            assertThat(text).contains("arus_runs_waiting ").contains("arus_node_heartbeat_age_seconds{node=");
            assertThat(text).contains("arus_http_request_duration_seconds_count{method=\"POST\",route=\"/api/pipelines/{id}/runs\",status=\"202\"}")
                    .contains("jvm_memory_used_bytes").contains("arus_runs_current{status=\"queued\"}");
            assertThat(promtool(text)).isEmpty();
        } finally {
            Sql.postgres("arus_test", "DROP SCHEMA " + schema + " CASCADE; DROP SCHEMA IF EXISTS " + schema + "_dst CASCADE");
        }
    }

    /** The sum of a metric's samples whose labels contain {@code label}. */
    private static long sum(String text, String metric, String label) {
        Pattern sample = Pattern.compile("^" + Pattern.quote(metric) + "\\{([^}]*)\\} (\\S+)$", Pattern.MULTILINE);
        Matcher m = sample.matcher(text);
        double total = 0;
        while (m.find()) {
            if (m.group(1).contains(label)) {
                total += Double.parseDouble(m.group(2));
            }
        }
        return Math.round(total);
    }

    /** promtool check metrics on the page: what it complains about, empty when nothing. */
    private static String promtool(String text) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("promtool", "check", "metrics").redirectErrorStream(true).start();
        process.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }
}
