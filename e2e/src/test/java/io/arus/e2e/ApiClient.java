package io.arus.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** The REST API for what the browser tests set up or check behind the console's back (users, row counts). */
final class ApiClient {
    static final ObjectMapper JSON = new ObjectMapper();
    /** The states a run ends in. */
    static final java.util.List<String> FINAL = java.util.List.of("succeeded", "succeeded_with_warnings", "failed",
            "cancelled", "interrupted");
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;
    private final String token;

    private ApiClient(String base, String token) {
        this.base = base;
        this.token = token;
    }

    /** Signs in and keeps the access token. */
    static ApiClient login(String base, String username, String password) throws Exception {
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create(base + "/api/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("username", username, "password", password))))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError("login of " + username + " answered " + response.statusCode() + ": " + response.body());
        }
        return new ApiClient(base, JSON.readTree(response.body()).path("access_token").asText());
    }

    JsonNode get(String path) throws Exception {
        return call("GET", path, null, 200);
    }

    JsonNode post(String path, Object body, int expected) throws Exception {
        return call("POST", path, body, expected);
    }

    /** @return the run as GET answers it once it ended (polled; fails after two minutes) */
    JsonNode awaitRunEnd(String run) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode view = get("/api/runs/" + run);
            if (FINAL.contains(view.path("status").asText())) {
                return view;
            }
            Thread.sleep(300);
        }
        throw new AssertionError("run " + run + " did not end within 2 minutes");
    }

    JsonNode delete(String path, int expected) throws Exception {
        return call("DELETE", path, null, expected);
    }

    /** @return the body of a GET that answers {@code accept} (the YAML export), after a 200 */
    String text(String path, String accept) throws Exception {
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Accept", accept).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private JsonNode call(String method, String path, Object body, int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new AssertionError(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body().isEmpty() ? null : JSON.readTree(response.body());
    }
}
