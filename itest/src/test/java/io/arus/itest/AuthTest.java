package io.arus.itest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Login, refresh rotation, logout, API tokens, users and the login rate limit, through the HTTP API. */
class AuthTest {
    static ArusServer server;

    @BeforeAll
    static void awaitServer() throws Exception {
        server = ArusServer.await();
    }

    @Test
    void loginGivesAccessAndRefreshTokensAndTheUser() throws Exception {
        JsonNode session = login("admin", ArusServer.ADMIN_PASSWORD);

        assertThat(session.path("access_token").asText()).contains(".");
        assertThat(session.path("refresh_token").asText()).hasSizeGreaterThan(30);
        assertThat(session.path("expires_in").asInt()).isEqualTo(900);
        assertThat(session.path("user").path("username").asText()).isEqualTo("admin");
        assertThat(session.path("user").path("role").asText()).isEqualTo("admin");
        assertThat(session.path("user").has("password_hash")).isFalse();
        JsonNode me = ArusServer.JSON.readTree(server.send("GET", "/api/me", null, session.path("access_token").asText()).body());
        assertThat(me.path("username").asText()).isEqualTo("admin");
    }

    @Test
    void wrongPasswordIsA401ProblemThatDoesNotSayWhichPartWasWrong() throws Exception {
        HttpResponse<String> wrongPassword = post("/api/auth/login", Map.of("username", "admin", "password", "nope-nope"), null);
        HttpResponse<String> unknownUser = post("/api/auth/login", Map.of("username", "nobody-" + UUID.randomUUID(), "password", "nope-nope"), null);

        assertThat(wrongPassword.statusCode()).isEqualTo(401);
        assertThat(unknownUser.statusCode()).isEqualTo(401);
        assertThat(ArusServer.JSON.readTree(wrongPassword.body()).path("detail").asText())
                .isEqualTo(ArusServer.JSON.readTree(unknownUser.body()).path("detail").asText());
    }

    @Test
    void refreshRotatesTheTokenAndAReusedTokenEndsTheSession() throws Exception {
        JsonNode first = login("admin", ArusServer.ADMIN_PASSWORD);
        String refresh1 = first.path("refresh_token").asText();

        HttpResponse<String> second = post("/api/auth/refresh", Map.of("refresh_token", refresh1), null);
        assertThat(second.statusCode()).isEqualTo(200);
        String refresh2 = ArusServer.JSON.readTree(second.body()).path("refresh_token").asText();
        assertThat(refresh2).isNotEqualTo(refresh1);

        assertThat(post("/api/auth/refresh", Map.of("refresh_token", refresh1), null).statusCode())
                .as("a used refresh token is refused").isEqualTo(401);
        assertThat(post("/api/auth/refresh", Map.of("refresh_token", refresh2), null).statusCode())
                .as("its reuse revoked the whole session").isEqualTo(401);
    }

    /** A user of its own: a logout ends every access token of the user, and other tests use the admin's. */
    @Test
    void logoutRevokesTheSessionsRefreshToken() throws Exception {
        String name = "logout-" + UUID.randomUUID().toString().substring(0, 8);
        Users.create(server, name, "password-of-" + name, "viewer");
        JsonNode session = login(name, "password-of-" + name);
        String access = session.path("access_token").asText();
        String refresh = session.path("refresh_token").asText();

        assertThat(post("/api/auth/logout", Map.of("refresh_token", refresh), access).statusCode()).isEqualTo(204);
        assertThat(post("/api/auth/refresh", Map.of("refresh_token", refresh), null).statusCode()).isEqualTo(401);
    }

    @Test
    void apiTokenIsShownOnceWorksAsBearerAndStopsWhenDeleted() throws Exception {
        String viewer = Users.token(server, "viewer");
        HttpResponse<String> created = post("/api/tokens", Map.of("name", "ci"), viewer);
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode token = ArusServer.JSON.readTree(created.body());
        String secret = token.path("token").asText();
        assertThat(secret).startsWith("arus_");

        assertThat(server.send("GET", "/api/me", null, secret).statusCode()).isEqualTo(200);
        String list = server.send("GET", "/api/tokens", null, viewer).body();
        assertThat(list).contains(token.path("id").asText()).doesNotContain(secret);
        assertThat(server.send("POST", "/api/sources", "{}", secret).statusCode()).as("acts with the viewer role").isEqualTo(403);

        assertThat(server.send("DELETE", "/api/tokens/" + token.path("id").asText(), null, viewer).statusCode()).isEqualTo(204);
        assertThat(server.send("GET", "/api/me", null, secret).statusCode()).isEqualTo(401);
    }

    @Test
    void theLastAdminCanBeNeitherDeletedNorDemotedButOtherUsersCan() throws Exception {
        String admin = server.adminToken();
        String adminId = server.json("/api/me").path("id").asText();
        List<JsonNode> admins = new ArrayList<>();
        for (JsonNode user : server.json("/api/users")) {
            if ("admin".equals(user.path("role").asText())) {
                admins.add(user);
            }
        }
        // other tests may have made admins: demote them so that "admin" is the last one
        for (JsonNode other : admins) {
            if (!other.path("id").asText().equals(adminId)) {
                server.send("PATCH", "/api/users/" + other.path("id").asText(), "{\"role\":\"viewer\"}", admin);
            }
        }

        assertThat(server.send("DELETE", "/api/users/" + adminId, null, admin).statusCode()).isEqualTo(409);
        assertThat(server.send("PATCH", "/api/users/" + adminId, "{\"role\":\"editor\"}", admin).statusCode()).isEqualTo(409);

        String name = "temp-" + UUID.randomUUID().toString().substring(0, 8);
        String id = Users.create(server, name, "a-long-password", "editor");
        HttpResponse<String> promoted = server.send("PATCH", "/api/users/" + id, "{\"role\":\"admin\"}", admin);
        assertThat(ArusServer.JSON.readTree(promoted.body()).path("role").asText()).isEqualTo("admin");
        assertThat(server.send("DELETE", "/api/users/" + id, null, admin).statusCode()).isEqualTo(204);
        assertThat(server.send("GET", "/api/users/" + id, null, admin).statusCode()).isEqualTo(404);
        assertThat(Users.create(server, "dup-" + name, "a-long-password", "viewer")).isNotEmpty();
        HttpResponse<String> duplicate = server.send("POST", "/api/users", ArusServer.JSON.writeValueAsString(
                Map.of("username", "DUP-" + name, "password", "a-long-password", "role", "viewer")), admin);
        assertThat(duplicate.statusCode()).as("usernames are case-insensitive").isEqualTo(409);
    }

    @Test
    void invalidUserInputNamesTheField() throws Exception {
        HttpResponse<String> response = server.send("POST", "/api/users",
                "{\"username\":\"ok-name\",\"password\":\"short\",\"role\":\"viewer\"}", server.adminToken());
        JsonNode problem = ArusServer.JSON.readTree(response.body());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(problem.path("errors").get(0).path("field").asText()).isEqualTo("password");
        HttpResponse<String> unknownField = server.send("POST", "/api/users",
                "{\"username\":\"ok-name\",\"password\":\"long-enough\",\"role\":\"viewer\",\"colour\":\"red\"}", server.adminToken());
        assertThat(ArusServer.JSON.readTree(unknownField.body()).path("errors").get(0).path("field").asText()).isEqualTo("colour");
        HttpResponse<String> badRole = server.send("POST", "/api/users",
                "{\"username\":\"ok-name\",\"password\":\"long-enough\",\"role\":\"root\"}", server.adminToken());
        assertThat(ArusServer.JSON.readTree(badRole.body()).path("errors").get(0).path("field").asText()).isEqualTo("role");
    }

    @Test
    void anyUserChangesTheirOwnPassword() throws Exception {
        String name = "pw-" + UUID.randomUUID().toString().substring(0, 8);
        Users.create(server, name, "first-password", "viewer");
        String token = server.login(name, "first-password");

        HttpResponse<String> changed = server.send("PUT", "/api/me/password",
                "{\"current_password\":\"first-password\",\"new_password\":\"second-password\"}", token);

        assertThat(changed.statusCode()).isEqualTo(204);
        assertThat(post("/api/auth/login", Map.of("username", name, "password", "first-password"), null).statusCode()).isEqualTo(401);
        assertThat(server.login(name, "second-password")).isNotBlank();
    }

    /** Sent from 127.0.0.2, so that the lockout does not touch the other tests' logins from 127.0.0.1. */
    @Test
    void elevenWrongLoginsWithinAMinuteFromOneAddressGive429() throws Exception {
        List<Integer> statuses = new ArrayList<>();
        String retryAfter = null;
        for (int i = 0; i < 11; i++) {
            String[] answer = rawLoginFrom("127.0.0.2", "admin", "wrong-" + i);
            statuses.add(Integer.parseInt(answer[0]));
            retryAfter = answer[1];
        }

        assertThat(statuses.subList(0, 10)).containsOnly(401);
        assertThat(statuses.get(10)).isEqualTo(429);
        assertThat(retryAfter).isNotNull();
        assertThat(Integer.parseInt(retryAfter)).isBetween(1, 60);
        assertThat(rawLoginFrom("127.0.0.2", "admin", ArusServer.ADMIN_PASSWORD)[0]).as("even the right password waits").isEqualTo("429");
        assertThat(server.login("admin", ArusServer.ADMIN_PASSWORD)).as("other addresses are not affected").isNotBlank();
    }

    /**
     * From 127.0.0.3: 40 wrong passwords at once. Each attempt is counted before its password is checked, so
     * exactly 10 get a check (401) and 30 are refused unchecked (429); were the failure counted after the check,
     * the parallel requests would all pass the limit before the first failure was written.
     */
    @Test
    void fortyParallelWrongPasswordsFromOneAddressGetExactlyTenPasswordChecks() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(40);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<String[]>> answers = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String password = "wrong-parallel-" + i;
                answers.add(pool.submit(() -> {
                    start.await();
                    return rawLoginFrom("127.0.0.3", "admin", password);
                }));
            }
            start.countDown();
            Map<String, Integer> statuses = new TreeMap<>();
            for (Future<String[]> answer : answers) {
                statuses.merge(answer.get(60, TimeUnit.SECONDS)[0], 1, Integer::sum);
            }

            assertThat(statuses).as("401 = password checked and wrong, 429 = refused before the check")
                    .containsExactlyEntriesOf(new TreeMap<>(Map.of("401", 10, "429", 30)));
        } finally {
            pool.shutdownNow();
        }
    }

    /** From 127.0.0.4: failures against one account keep counting after another account logs in from there. */
    @Test
    void aSuccessfulLoginDoesNotClearTheFailuresAgainstOtherAccountsFromTheSameAddress() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Users.create(server, "attacker-" + suffix, "attackers-own-password", "viewer");
        Users.create(server, "victim-" + suffix, "victims-secret-password", "viewer");

        for (int i = 0; i < 9; i++) {
            assertThat(rawLoginFrom("127.0.0.4", "victim-" + suffix, "guess-" + i)[0]).isEqualTo("401");
        }
        assertThat(rawLoginFrom("127.0.0.4", "attacker-" + suffix, "attackers-own-password")[0]).isEqualTo("200");
        assertThat(rawLoginFrom("127.0.0.4", "victim-" + suffix, "guess-9")[0]).isEqualTo("401");

        assertThat(rawLoginFrom("127.0.0.4", "victim-" + suffix, "guess-10")[0]).as("the victim's ten failures still count")
                .isEqualTo("429");
        assertThat(rawLoginFrom("127.0.0.4", "attacker-" + suffix, "attackers-own-password")[0])
                .as("the address as a whole waits").isEqualTo("429");
    }

    private static String[] rawLoginFrom(String localAddress, String username, String password) throws Exception {
        URI base = URI.create(server.base());
        byte[] body = ArusServer.JSON.writeValueAsBytes(Map.of("username", username, "password", password));
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(localAddress, 0));
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/auth/login HTTP/1.1\r\nHost: " + base.getHost() + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String status = in.readLine().split(" ")[1];
            String retryAfter = null;
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                if (line.toLowerCase().startsWith("retry-after:")) {
                    retryAfter = line.substring(line.indexOf(':') + 1).trim();
                }
            }
            return new String[] {status, retryAfter};
        }
    }

    private static JsonNode login(String username, String password) throws Exception {
        HttpResponse<String> response = post("/api/auth/login", Map.of("username", username, "password", password), null);
        assertThat(response.statusCode()).isEqualTo(200);
        return ArusServer.JSON.readTree(response.body());
    }

    private static HttpResponse<String> post(String path, Map<String, ?> body, String token) throws Exception {
        return server.send("POST", path, ArusServer.JSON.writeValueAsString(body), token);
    }
}
