package io.arus.itest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.arus.api.connector.Connector;
import io.arus.itest.fixture.MemoryDestination;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;

/**
 * Notifications end to end: webhook targets through the API (secret masked, test signed), pipelines subscribed
 * to their events, real runs (PostgreSQL source, in-memory destination) and an HTTP server in the test standing
 * in for the receiving end, which can answer errors to show the retries.
 */
class NotificationTest {
    private static final String MEMORY = "itest-notify-memory";
    private static final String SECRET = "itest-signing-secret-0123456789";

    static ArusServer server;
    static HttpServer receiver;
    static ServiceRegistration<Connector> memory;
    static String schema;
    static String source;
    static String destination;

    /** Every POST the receiver got, in order. */
    static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();
    /** Per path, the statuses to answer before going back to 200. */
    static final Map<String, Deque<Integer>> PLANNED = new ConcurrentHashMap<>();

    /** A request the receiver got, and what it answered. */
    record Received(String path, String signature, String eventId, byte[] raw, int answered) {
        String body() {
            return new String(raw, StandardCharsets.UTF_8);
        }
    }

    @BeforeAll
    static void setUp() throws Exception {
        server = ArusServer.await();
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", NotificationTest::receive);
        receiver.start();
        BundleContext context = FrameworkUtil.getBundle(NotificationTest.class).getBundleContext();
        memory = context.registerService(Connector.class, new MemoryDestination(MEMORY),
                new Hashtable<>(Map.of(Connector.TYPE_PROPERTY, MEMORY)));
        server.awaitJson("/api/connectors", Duration.ofSeconds(15), list -> PlatformTest.find(list, MEMORY) != null,
                MEMORY + " should be listed");
        schema = "notify_" + shortId();
        Sql.postgres("arus_test", "CREATE SCHEMA " + schema + "; CREATE TABLE " + schema + ".items (id bigint PRIMARY KEY,"
                + " name text NOT NULL, updated_at timestamptz(6) NOT NULL);"
                + " INSERT INTO " + schema + ".items SELECT g, 'item ' || g, timestamptz '2024-05-01 00:00:00+00'"
                + " + g * interval '1 minute' FROM generate_series(1, 25) g;");
        source = create("/api/sources", "postgresql", Map.of("host", "127.0.0.1", "port", 5432, "database", "arus_test",
                "username", "arus", "password", "arus"));
        destination = create("/api/destinations", MEMORY, Map.of());
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (memory != null) {
            memory.unregister();
        }
        if (receiver != null) {
            receiver.stop(0);
        }
        Sql.postgres("arus_test", "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }

    @Test
    void aWebhookTargetKeepsItsSecretMaskedAndItsTestPostIsSigned() throws Exception {
        String path = "/test-" + shortId();
        JsonNode created = send("POST", "/api/notification-targets", webhook("hook-" + shortId(), path, SECRET), 201);
        String id = created.path("id").asText();

        assertThat(created.path("config").path("secret").asText()).isEqualTo("******");
        assertThat(created.path("config").path("url").asText()).as("tokens live in webhook urls").isEqualTo("******");
        assertThat(created.path("available").asBoolean()).isTrue();
        assertThat(created.path("pipelines")).isEmpty();
        assertThat(server.get("/api/notification-targets/" + id).body()).contains("\"secret\":\"******\"")
                .doesNotContain(SECRET);
        assertThat(server.get("/api/notification-targets").body()).contains(id).doesNotContain(SECRET);

        JsonNode tested = send("POST", "/api/notification-targets/" + id + "/test", null, 200);
        assertThat(tested.toString()).isEqualTo("{\"ok\":true}");
        Received post = awaitPosts(path, 1).get(0);
        assertSigned(post);
        JsonNode document = ArusServer.JSON.readTree(post.body());
        assertThat(document.path("event").asText()).isEqualTo("run_succeeded");
        assertThat(document.path("pipeline_name").asText()).isEqualTo("test-notification");
        assertThat(document.path("link").asText()).startsWith("http://localhost:");

        // the mask sent back keeps the stored secret: the next test is signed with it still
        Map<String, Object> renamed = webhook("renamed-" + shortId(), path, "******");
        assertThat(send("PUT", "/api/notification-targets/" + id, renamed, 200).path("config").path("secret").asText())
                .isEqualTo("******");
        send("POST", "/api/notification-targets/" + id + "/test", null, 200);
        assertSigned(awaitPosts(path, 2).get(1));

        // once an admin sets the server's public URL, links point there
        send("PUT", "/api/settings", Map.of("arus.public.url", "https://arus.example.com/"), 200);
        try {
            send("POST", "/api/notification-targets/" + id + "/test", null, 200);
            assertThat(ArusServer.JSON.readTree(awaitPosts(path, 3).get(2).body()).path("link").asText())
                    .isEqualTo("https://arus.example.com/");
        } finally {
            send("PUT", "/api/settings", Map.of("arus.public.url", ""), 200);
        }

        assertThat(server.json("/api/audit?limit=200").toString()).contains("notification_target.create")
                .contains("notification_target.update").doesNotContain(SECRET);
    }

    @Test
    void aTestThatFailsSaysWhyWithoutTheSecretAndBadTargetsAre400sNamingTheField() throws Exception {
        String path = "/refused-" + shortId();
        String id = send("POST", "/api/notification-targets", webhook("refused-" + shortId(), path, SECRET), 201)
                .path("id").asText();
        PLANNED.put(path, new ConcurrentLinkedDeque<>(List.of(410)));

        JsonNode tested = send("POST", "/api/notification-targets/" + id + "/test", null, 200);
        assertThat(tested.path("ok").asBoolean()).isFalse();
        assertThat(tested.path("error").asText()).contains("410").doesNotContain(SECRET);

        assertThat(problemFields("POST", Map.of("name", "x-" + shortId(), "type", "no-such-notifier", "config", Map.of())))
                .containsExactly("type");
        assertThat(problemFields("POST", Map.of("name", "x-" + shortId(), "type", "webhook", "config",
                Map.of("secret", "s")))).containsExactly("config.url");
        assertThat(problemFields("POST", Map.of("name", "x-" + shortId(), "type", "webhook", "config",
                Map.of("url", "not a url", "color", "red")))).containsExactlyInAnyOrder("config.url", "config.color");
        assertThat(server.send("DELETE", "/api/notification-targets/" + id, null, server.adminToken()).statusCode())
                .isEqualTo(204);
        assertThat(server.get("/api/notification-targets/" + id).statusCode()).isEqualTo(404);
    }

    @Test
    void aSubscribedPipelineNotifiesEachRunOnceAndAFailingEndpointIsRetriedWithoutTouchingTheRun() throws Exception {
        String path = "/runs-" + shortId();
        String target = send("POST", "/api/notification-targets", webhook("runs-" + shortId(), path, SECRET), 201)
                .path("id").asText();
        JsonNode pipeline = pipeline(schema + ".items", List.of(Map.of("target_id", target,
                "events", List.of("run_succeeded", "run_failed"))));
        String pipelineId = pipeline.path("id").asText();
        assertThat(pipeline.path("notifications").toString())
                .isEqualTo("[{\"target_id\":\"" + target + "\",\"events\":[\"run_failed\",\"run_succeeded\"]}]");
        JsonNode used = server.json("/api/notification-targets/" + target).path("pipelines");
        assertThat(used).hasSize(1);
        assertThat(used.get(0).path("id").asText()).isEqualTo(pipelineId);
        assertThat(used.get(0).path("events").toString()).isEqualTo("[\"run_failed\",\"run_succeeded\"]");

        JsonNode run = server.runToEnd(pipelineId);
        assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("succeeded");
        String runId = run.path("id").asText();
        Received post = awaitPosts(path, 1).get(0);
        JsonNode document = ArusServer.JSON.readTree(post.body());
        assertThat(document.path("event").asText()).isEqualTo("run_succeeded");
        assertThat(document.path("pipeline_id").asText()).isEqualTo(pipelineId);
        assertThat(document.path("pipeline_name").asText()).isEqualTo(pipeline.path("name").asText());
        assertThat(document.path("run_id").asText()).isEqualTo(runId);
        assertThat(document.path("status").asText()).isEqualTo("succeeded");
        assertThat(document.path("counts").path("rows_read").asLong()).isEqualTo(25);
        assertThat(document.path("counts").path("rows_written").asLong()).isEqualTo(25);
        assertThat(document.path("link").asText()).endsWith("/#/runs/" + runId);
        assertSigned(post);
        awaitLog(runId, "notification run_succeeded to target");
        Thread.sleep(1500);
        assertThat(posts(path)).as("exactly one notification per run").hasSize(1);

        // the endpoint fails twice: the run is done regardless, the delivery arrives on the third attempt
        PLANNED.put(path, new ConcurrentLinkedDeque<>(List.of(500, 500)));
        JsonNode retried = server.runToEnd(pipelineId);
        assertThat(retried.path("status").asText()).isEqualTo("succeeded");
        String retriedId = retried.path("id").asText();
        List<Received> attempts = awaitPosts(path, 4).subList(1, 4);
        assertThat(attempts).extracting(Received::answered).containsExactly(500, 500, 200);
        assertThat(attempts).extracting(Received::eventId).as("one event, delivered three times").containsOnly(
                attempts.get(0).eventId());
        assertThat(ArusServer.JSON.readTree(attempts.get(2).body()).path("run_id").asText()).isEqualTo(retriedId);
        String logs = awaitLog(retriedId, "delivered on attempt 3");
        assertThat(logs).contains("attempt 1 of 4 failed").contains("attempt 2 of 4 failed").doesNotContain(SECRET);
        assertThat(server.json("/api/runs/" + retriedId).path("status").asText()).isEqualTo("succeeded");
    }

    @Test
    void aFailedRunIsAnnouncedAsRunFailedAndAPermanentlyRefusingEndpointLeavesTheRunAsItWas() throws Exception {
        String failPath = "/failed-" + shortId();
        String refusePath = "/gone-" + shortId();
        String failures = send("POST", "/api/notification-targets", webhook("failures-" + shortId(), failPath, SECRET),
                201).path("id").asText();
        String gone = send("POST", "/api/notification-targets", webhook("gone-" + shortId(), refusePath, SECRET), 201)
                .path("id").asText();
        PLANNED.put(refusePath, new ConcurrentLinkedDeque<>(List.of(410)));
        String broken = pipeline(schema + ".no_such_table", List.of(Map.of("target_id", failures, "events",
                List.of("run_failed")))).path("id").asText();
        String working = pipeline(schema + ".items", List.of(Map.of("target_id", gone, "events",
                List.of("run_succeeded")))).path("id").asText();

        JsonNode failed = server.runToEnd(broken);
        assertThat(failed.path("status").asText()).isEqualTo("failed");
        JsonNode document = ArusServer.JSON.readTree(awaitPosts(failPath, 1).get(0).body());
        assertThat(document.path("event").asText()).isEqualTo("run_failed");
        assertThat(document.path("status").asText()).isEqualTo("failed");
        assertThat(document.path("run_id").asText()).isEqualTo(failed.path("id").asText());
        assertThat(document.path("error").asText()).isNotBlank();

        JsonNode succeeded = server.runToEnd(working);
        assertThat(succeeded.path("status").asText()).isEqualTo("succeeded");
        assertThat(awaitPosts(refusePath, 1).get(0).answered()).isEqualTo(410);
        assertThat(awaitLog(succeeded.path("id").asText(), "permanent failure")).contains("410");
        assertThat(server.json("/api/runs/" + succeeded.path("id").asText()).path("status").asText())
                .isEqualTo("succeeded");
    }

    @Test
    void pipelineNotificationsAreValidatedReplacedAndGoneWithTheirTarget() throws Exception {
        String target = send("POST", "/api/notification-targets", webhook("subs-" + shortId(), "/subs", SECRET), 201)
                .path("id").asText();
        Map<String, Object> body = pipelineBody(schema + ".items", List.of(
                Map.of("target_id", target, "events", List.of("run_failed", "sometimes")),
                Map.of("target_id", "no-such-target", "events", List.of("recovered")),
                Map.of("target_id", target, "events", List.of(), "channel", "x")));
        HttpResponse<String> refused = server.send("POST", "/api/pipelines", ArusServer.JSON.writeValueAsString(body),
                server.adminToken());
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(ArusServer.JSON.readTree(refused.body()).path("errors")).extracting(e -> e.path("field").asText())
                .containsExactlyInAnyOrder("notifications[0].events[1]", "notifications[1].target_id",
                        "notifications[2].channel", "notifications[2].target_id", "notifications[2].events");

        JsonNode pipeline = pipeline(schema + ".items", List.of(Map.of("target_id", target, "events",
                List.of("recovered", "schema_changed", "quality_check_failed"))));
        String id = pipeline.path("id").asText();
        assertThat(pipeline.path("notifications").get(0).path("events").toString())
                .isEqualTo("[\"quality_check_failed\",\"schema_changed\",\"recovered\"]");

        Map<String, Object> update = pipelineBody(schema + ".items", null);
        update.put("name", pipeline.path("name").asText());
        JsonNode kept = send("PUT", "/api/pipelines/" + id, update, 200);
        assertThat(kept.path("notifications")).as("a body without the field keeps them").hasSize(1);
        update.put("notifications", List.of());
        assertThat(send("PUT", "/api/pipelines/" + id, update, 200).path("notifications")).isEmpty();

        update.put("notifications", List.of(Map.of("target_id", target, "events", List.of("run_failed"))));
        send("PUT", "/api/pipelines/" + id, update, 200);
        assertThat(server.send("DELETE", "/api/notification-targets/" + target, null, server.adminToken()).statusCode())
                .isEqualTo(204);
        assertThat(server.json("/api/pipelines/" + id).path("notifications")).isEmpty();
        assertThat(server.json("/api/audit?limit=200").toString()).contains("unsubscribed from pipeline(s) "
                + pipeline.path("name").asText());
    }

    private static void receive(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            Deque<Integer> planned = PLANNED.get(path);
            Integer next = planned == null ? null : planned.poll();
            int status = next == null ? 200 : next;
            RECEIVED.add(new Received(path, exchange.getRequestHeaders().getFirst("X-Arus-Signature"),
                    exchange.getRequestHeaders().getFirst("X-Arus-Event-Id"), body, status));
            exchange.sendResponseHeaders(status, -1);
        }
    }

    private static List<Received> posts(String path) {
        return RECEIVED.stream().filter(r -> r.path().equals(path)).toList();
    }

    /** Waits (up to 30 s: a retried delivery takes 5 s) until the path got {@code count} posts. */
    private static List<Received> awaitPosts(String path, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (posts(path).size() < count && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(posts(path)).as("posts to " + path).hasSizeGreaterThanOrEqualTo(count);
        return posts(path);
    }

    /** Waits until the run's log has a line containing {@code text}; returns the whole log. */
    private static String awaitLog(String runId, String text) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String logs = "";
        while (System.nanoTime() < deadline) {
            logs = server.get("/api/runs/" + runId + "/logs").body();
            if (logs.contains(text)) {
                return logs;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the log of run " + runId + " should contain '" + text + "': " + logs);
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + path;
    }

    private static Map<String, Object> webhook(String name, String path, String secret) {
        return Map.of("name", name, "type", "webhook", "config", Map.of("url", url(path), "secret", secret));
    }

    private static JsonNode pipeline(String stream, List<Map<String, Object>> notifications) throws Exception {
        return send("POST", "/api/pipelines", pipelineBody(stream, notifications), 201);
    }

    private static Map<String, Object> pipelineBody(String stream, List<Map<String, Object>> notifications) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "notify-" + shortId());
        body.put("source_id", source);
        body.put("destination_id", destination);
        body.put("target_namespace", "notify_" + shortId());
        body.put("streams", List.of(Map.of("name", stream, "sync_mode", "full_refresh")));
        if (notifications != null) {
            body.put("notifications", notifications);
        }
        return body;
    }

    private static List<String> problemFields(String method, Map<String, Object> body) throws Exception {
        HttpResponse<String> response = server.send(method, "/api/notification-targets",
                ArusServer.JSON.writeValueAsString(body), server.adminToken());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        ArusServer.JSON.readTree(response.body()).path("errors").forEach(e -> fields.add(e.path("field").asText()));
        return fields;
    }

    private static JsonNode send(String method, String path, Object body, int expected) throws Exception {
        HttpResponse<String> response = server.send(method, path,
                body == null ? null : ArusServer.JSON.writeValueAsString(body), server.adminToken());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(expected);
        return ArusServer.JSON.readTree(response.body());
    }

    private static String create(String path, String type, Map<String, Object> config) throws Exception {
        return send("POST", path, Map.of("name", type + "-" + shortId(), "type", type, "config", config), 201)
                .path("id").asText();
    }

    /** Checks the signature as a receiver should: HMAC-SHA256 of the raw body, compared in constant time. */
    private static void assertSigned(Received post) throws Exception {
        assertThat(post.signature()).as("X-Arus-Signature").isNotNull().startsWith("sha256=");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] expected = mac.doFinal(post.raw());
        byte[] given = HexFormat.of().parseHex(post.signature().substring("sha256=".length()));
        assertThat(MessageDigest.isEqual(expected, given)).as("signature of " + post.body()).isTrue();
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
