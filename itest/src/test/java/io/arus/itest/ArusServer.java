package io.arus.itest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.service.http.runtime.HttpServiceRuntime;

/** The running server's HTTP side, as a client outside would use it (random port, read from the HTTP runtime). */
final class ArusServer {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static final String ADMIN_PASSWORD = "itest-admin-password";

    private final String base;
    private volatile String adminToken;

    private ArusServer(String base) {
        this.base = base;
    }

    String base() {
        return base;
    }

    /** A JWT of the initial admin (created from the bndrun's arus.admin.password), logged in once. */
    synchronized String adminToken() throws IOException, InterruptedException {
        if (adminToken == null) {
            adminToken = login("admin", ADMIN_PASSWORD);
        }
        return adminToken;
    }

    String login(String username, String password) throws IOException, InterruptedException {
        HttpResponse<String> response = send("POST", "/api/auth/login",
                JSON.writeValueAsString(java.util.Map.of("username", username, "password", password)), null);
        if (response.statusCode() != 200) {
            throw new AssertionError("login of " + username + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body()).path("access_token").asText();
    }

    /** Any request; {@code token} may be null (no Authorization header) and {@code body} null (no body). */
    HttpResponse<String> send(String method, String path, String body, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                // the others for /api/events and /api/export, which answer only their own type (406 otherwise, as
                // JAX-RS matches the type before any filter runs)
                .header("Accept", "application/json, text/event-stream;q=0.5, application/yaml;q=0.4")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Waits until the HTTP runtime has bound its port and {@code /api/health} answers. */
    static ArusServer await() throws Exception {
        BundleContext context = FrameworkUtil.getBundle(ArusServer.class).getBundleContext();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            ServiceReference<HttpServiceRuntime> ref = context.getServiceReference(HttpServiceRuntime.class);
            Object port = ref == null ? null : ref.getProperty("org.osgi.service.http.port");
            if (port != null && !"0".equals(port.toString())) {
                ArusServer server = new ArusServer("http://127.0.0.1:" + port);
                try {
                    if (server.send("GET", "/api/health", null, null).statusCode() == 200) {
                        return server;
                    }
                } catch (IOException e) {
                    // not listening yet
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the server did not answer /api/health within 30 s");
    }

    /** A GET as the admin; public endpoints ignore the token. */
    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send("GET", path, null, adminToken());
    }

    /**
     * Creates something (a source, destination, pipeline...) as the admin.
     *
     * @return its id
     * @throws AssertionError when the server does not answer 201
     */
    String create(String path, java.util.Map<String, ?> body) throws IOException, InterruptedException {
        HttpResponse<String> response = send("POST", path, JSON.writeValueAsString(body), adminToken());
        if (response.statusCode() != 201) {
            throw new AssertionError("POST " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body()).path("id").asText();
    }

    JsonNode json(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = get(path);
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** Polls a JSON endpoint until the condition holds; returns the document that satisfied it. */
    JsonNode awaitMatch(String path, Duration timeout, Predicate<JsonNode> condition, String what) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = json(path);
            if (condition.test(last)) {
                return last;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("within " + timeout.toMillis() + " ms, " + what + "; last " + path + ": " + last);
    }

    /**
     * Polls a JSON endpoint until the condition holds.
     *
     * @return how long it took, in milliseconds
     */
    long awaitJson(String path, Duration timeout, Predicate<JsonNode> condition, String what) throws Exception {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = json(path);
            if (condition.test(last)) {
                return (System.nanoTime() - start) / 1_000_000;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("within " + timeout.toMillis() + " ms, " + what + "; last " + path + ": " + last);
    }

    /**
     * Starts a run of the pipeline through the API and waits for its end (up to 3 minutes).
     *
     * @return the run as {@code GET /api/runs/{id}} answers it, plus its log under {@code logs} when it did not succeed
     */
    JsonNode runToEnd(String pipeline) throws Exception {
        HttpResponse<String> started = send("POST", "/api/pipelines/" + pipeline + "/runs", null, adminToken());
        if (started.statusCode() != 202) {
            throw new AssertionError("starting a run of " + pipeline + " answered " + started.statusCode() + ": " + started.body());
        }
        String runId = JSON.readTree(started.body()).path("run_id").asText();
        awaitJson("/api/runs/" + runId, Duration.ofSeconds(180),
                r -> java.util.List.of("succeeded", "succeeded_with_warnings", "failed", "cancelled", "interrupted").contains(r.path("status").asText()),
                "run " + runId + " should end");
        JsonNode run = json("/api/runs/" + runId);
        if (!run.path("status").asText().startsWith("succeeded")) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) run).set("logs", JSON.readTree(get("/api/runs/" + runId + "/logs").body()));
        }
        return run;
    }
}
