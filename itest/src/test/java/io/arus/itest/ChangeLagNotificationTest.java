package io.arus.itest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A change-capture run (PostgreSQL to PostgreSQL through the server) shows its lag and events/s, and a pipeline
 * subscribed to {@code cdc_lag} hears when a stream reads changes older than its {@code cdc.lag_alert_seconds}.
 */
class ChangeLagNotificationTest {
    private static ArusServer server;
    private static HttpServer receiver;
    private static final List<String> RECEIVED = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void setUp() throws Exception {
        server = ArusServer.await();
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", ChangeLagNotificationTest::receive);
        receiver.start();
    }

    @AfterAll
    static void tearDown() {
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    @Test
    void changesReadLongAfterTheirCommitFireCdcLagOnceAndTheRunShowsItsLag() throws Exception {
        String table = "lg" + shortId();
        String schema = "cdc_src_" + table;
        String stream = schema + "." + table;
        Sql.postgres("arus_test", "CREATE SCHEMA " + schema + "; CREATE TABLE " + stream
                + " (id bigint PRIMARY KEY, name text); INSERT INTO " + stream
                + " SELECT g, 'row ' || g FROM generate_series(1, 100) g");
        String source = DatabasePipelineTest.create("/api/sources", "postgresql", DatabasePipelineTest.pgConfig());
        String destination = DatabasePipelineTest.create("/api/destinations", "postgresql",
                DatabasePipelineTest.pgConfig());
        String target = send("POST", "/api/notification-targets", Map.of("name", "lag-" + shortId(), "type",
                "webhook", "config", Map.of("url", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/" + table)),
                201).path("id").asText();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "cdc-lag-" + shortId());
        body.put("source_id", source);
        body.put("destination_id", destination);
        body.put("target_namespace", "cdc_dst_" + table);
        body.put("streams", List.of(Map.of("name", stream, "sync_mode", "cdc")));
        body.put("cdc", Map.of("until", "current", "lag_alert_seconds", 1, "checkpoint_seconds", 2));
        body.put("notifications", List.of(Map.of("target_id", target, "events", List.of("cdc_lag"))));
        JsonNode pipeline = send("POST", "/api/pipelines", body, 201);
        String pipelineId = pipeline.path("id").asText();
        assertThat(pipeline.path("cdc").path("lag_alert_seconds").asInt()).isEqualTo(1);
        assertThat(pipeline.path("cdc").path("checkpoint_seconds").asInt()).isEqualTo(2);
        try {
            // the first run snapshots the table and hands over to the log, caught up
            JsonNode first = server.runToEnd(pipelineId);
            assertThat(first.path("status").asText()).as(first.toString()).isEqualTo("succeeded");
            JsonNode snapshot = first.path("streams").get(0);
            assertThat(snapshot.path("events_per_second").isNumber()).as(snapshot.toString()).isTrue();
            assertThat(snapshot.has("lag_seconds") && snapshot.has("lag_bytes")).isTrue();

            // changes committed now and read three seconds later are three seconds behind: over the threshold
            Sql.postgres("arus_test", "UPDATE " + stream + " SET name = name || '+' WHERE id <= 40; INSERT INTO "
                    + stream + " SELECT g, 'new ' || g FROM generate_series(101, 120) g");
            Thread.sleep(3_000);
            JsonNode second = server.runToEnd(pipelineId);
            assertThat(second.path("status").asText()).as(second.toString()).isEqualTo("succeeded");
            JsonNode changes = second.path("streams").get(0);
            assertThat(changes.path("rows_read").asLong()).as(changes.toString()).isEqualTo(60);
            assertThat(changes.path("lag_seconds").isNumber()).as(changes.toString()).isTrue();
            assertThat(changes.path("events_per_second").asDouble()).isPositive();

            List<String> bodies = awaitPosts("/" + table);
            JsonNode notification = ArusServer.JSON.readTree(bodies.get(0));
            assertThat(notification.path("event").asText()).isEqualTo("cdc_lag");
            assertThat(notification.path("run_id").asText()).isEqualTo(second.path("id").asText());
            assertThat(notification.path("error").asText()).startsWith(stream + ": ")
                    .contains("s behind the source").contains("over the alert threshold of 1 s");
            Thread.sleep(1_000);
            assertThat(RECEIVED.stream().filter(b -> b.startsWith("/" + table + " "))).as("once per crossing")
                    .hasSize(1);
        } finally {
            // drops the replication slot and the publication
            server.send("DELETE", "/api/pipelines/" + pipelineId, null, server.adminToken());
            Sql.postgres("arus_test", "DROP SCHEMA IF EXISTS " + schema + " CASCADE; DROP SCHEMA IF EXISTS cdc_dst_"
                    + table + " CASCADE");
        }
    }

    private static JsonNode send(String method, String path, Object body, int status) throws Exception {
        HttpResponse<String> response = server.send(method, path, ArusServer.JSON.writeValueAsString(body),
                server.adminToken());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return ArusServer.JSON.readTree(response.body());
    }

    private static List<String> awaitPosts(String path) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            List<String> bodies = RECEIVED.stream().filter(b -> b.startsWith(path + " "))
                    .map(b -> b.substring(path.length() + 1)).toList();
            if (!bodies.isEmpty()) {
                return bodies;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no notification posted to " + path + " within 30 s");
    }

    private static void receive(HttpExchange exchange) throws IOException {
        try (exchange) {
            RECEIVED.add(exchange.getRequestURI().getPath() + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
        }
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
