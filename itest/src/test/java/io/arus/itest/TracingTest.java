package io.arus.itest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Traces: with an OTLP endpoint configured, an OTLP/HTTP receiver (this test's) gets the spans of a run, its
 * stream and a sampled batch, carrying the run's id, and the span of an API request continues the caller's trace
 * (W3C traceparent). Without an endpoint the OpenTelemetry service is gone again.
 */
class TracingTest {
    private static final String OPEN_TELEMETRY = "io.opentelemetry.api.OpenTelemetry";

    @Test
    void anOtlpReceiverGetsTheRunsStreamsBatchesAndARequestsSpanInTheCallersTrace() throws Exception {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/v1/traces", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            synchronized (received) {
                received.writeBytes(body);
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        BundleContext context = FrameworkUtil.getBundle(TracingTest.class).getBundleContext();
        ServiceReference<ConfigurationAdmin> adminReference = context.getServiceReference(ConfigurationAdmin.class);
        ConfigurationAdmin admin = context.getService(adminReference);
        Configuration configuration = admin.getConfiguration("io.arus.tracing", "?");
        String schema = "tracing_" + UUID.randomUUID().toString().substring(0, 8);
        try {
            configuration.update(new Hashtable<>(Map.of("endpoint", "http://127.0.0.1:" + receiver.getAddress().getPort())));
            for (int i = 0; i < 100 && context.getServiceReference(OPEN_TELEMETRY) == null; i++) {
                Thread.sleep(100);
            }
            assertThat(context.getServiceReference(OPEN_TELEMETRY)).as("the OpenTelemetry service").isNotNull();
            ArusServer server = ArusServer.await();

            String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
            HttpResponse<String> listed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(server.base() + "/api/pipelines")).header("Authorization", "Bearer " + server.adminToken())
                    .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(listed.statusCode()).isEqualTo(200);

            Sql.postgres("arus_test", "CREATE SCHEMA " + schema + "; CREATE TABLE " + schema + ".items (id BIGINT PRIMARY KEY,"
                    + " name TEXT NOT NULL); INSERT INTO " + schema + ".items SELECT g, 'item ' || g FROM generate_series(1, 2000) g");
            Map<String, Object> pg = Map.of("host", "127.0.0.1", "port", 5432, "database", "arus_test", "username", "arus",
                    "password", "arus");
            String source = server.create("/api/sources", Map.of("name", "tracing " + schema, "type", "postgresql", "config", pg));
            String destination = server.create("/api/destinations", Map.of("name", "tracing " + schema, "type", "postgresql",
                    "config", pg));
            String pipeline = server.create("/api/pipelines", Map.of("name", "tracing " + schema, "source_id", source,
                    "destination_id", destination, "target_namespace", schema + "_dst", "batch_size", 100,
                    "streams", List.of(Map.of("name", schema + ".items", "sync_mode", "full_refresh"))));
            JsonNode run = server.runToEnd(pipeline);
            assertThat(run.path("status").asText()).as(run.toString()).startsWith("succeeded");
            String runId = run.path("id").asText();

            byte[] trace = HexFormat.of().parseHex(traceId);
            List<String> wanted = List.of("arus.run tracing " + schema, "arus.stream " + schema + ".items", "arus.batch",
                    runId, "GET /api/pipelines");
            String text = "";
            boolean callersTrace = false;
            for (int i = 0; i < 150; i++) { // spans go out in batches, every second
                byte[] bytes;
                synchronized (received) {
                    bytes = received.toByteArray();
                }
                text = new String(bytes, StandardCharsets.ISO_8859_1);
                callersTrace = text.contains(new String(trace, StandardCharsets.ISO_8859_1));
                if (callersTrace && wanted.stream().allMatch(text::contains)) {
                    break;
                }
                Thread.sleep(100);
            }
            for (String name : wanted) {
                assertThat(text).as("the receiver got " + name).contains(name);
            }
            assertThat(callersTrace).as("the request's span is in the caller's trace " + traceId).isTrue();
        } finally {
            configuration.delete();
            context.ungetService(adminReference);
            receiver.stop(0);
            Sql.postgres("arus_test", "DROP SCHEMA IF EXISTS " + schema + " CASCADE; DROP SCHEMA IF EXISTS " + schema
                    + "_dst CASCADE");
        }
        for (int i = 0; i < 100 && context.getServiceReference(OPEN_TELEMETRY) != null; i++) {
            Thread.sleep(100);
        }
        assertThat(context.getServiceReference(OPEN_TELEMETRY)).as("tracing is off again").isNull();
    }
}
