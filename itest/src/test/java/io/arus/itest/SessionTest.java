package io.arus.itest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * When a user's access ends: logout, a password change, an admin's reset, a demotion and a deletion end the user's
 * access and refresh tokens at the next request; a password change also ends the API tokens unless kept; an API
 * token cannot mint more API tokens. Each user here is made for its test, so no other test's token is touched.
 */
class SessionTest {
    static ArusServer server;

    @BeforeAll
    static void awaitServer() throws Exception {
        server = ArusServer.await();
    }

    @Test
    void logoutWithoutABodyIs204AndEndsEveryAccessAndRefreshTokenOfTheUserAtOnce() throws Exception {
        Account alice = Account.create("viewer");
        JsonNode other = alice.login();

        HttpResponse<String> logout = server.send("POST", "/api/auth/logout", null, alice.access());

        assertThat(logout.statusCode()).as(logout.body()).isEqualTo(204);
        assertThat(status("GET", "/api/me", alice.access())).as("the access token used to log out").isEqualTo(401);
        assertThat(status("GET", "/api/me", other.path("access_token").asText())).as("another session's").isEqualTo(401);
        assertThat(refresh(alice.refresh())).isEqualTo(401);
        assertThat(refresh(other.path("refresh_token").asText())).isEqualTo(401);
        assertThat(audit("auth.logout", alice.id())).isTrue();
        assertThat(status("GET", "/api/me", alice.login().path("access_token").asText())).as("a new login works").isEqualTo(200);
    }

    @Test
    void logoutWithARefreshTokenEndsTheAccessTokensAndThatSessionOnly() throws Exception {
        Account alice = Account.create("viewer");
        JsonNode other = alice.login();

        HttpResponse<String> logout = server.send("POST", "/api/auth/logout",
                ArusServer.JSON.writeValueAsString(Map.of("refresh_token", alice.refresh())), alice.access());

        assertThat(logout.statusCode()).as(logout.body()).isEqualTo(204);
        assertThat(status("GET", "/api/me", alice.access())).isEqualTo(401);
        assertThat(status("GET", "/api/me", other.path("access_token").asText())).isEqualTo(401);
        assertThat(refresh(alice.refresh())).isEqualTo(401);
        assertThat(refresh(other.path("refresh_token").asText())).as("the other session may refresh").isEqualTo(200);
    }

    @Test
    void aPasswordChangeEndsEverySessionAndDeletesTheApiTokens() throws Exception {
        Account alice = Account.create("editor");
        JsonNode other = alice.login();
        String apiToken = alice.apiToken();
        assertThat(status("GET", "/api/me", apiToken)).isEqualTo(200);

        HttpResponse<String> changed = server.send("PUT", "/api/me/password", ArusServer.JSON.writeValueAsString(
                Map.of("current_password", alice.password(), "new_password", "a-new-password")), alice.access());

        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(204);
        assertThat(status("GET", "/api/me", alice.access())).isEqualTo(401);
        assertThat(status("GET", "/api/me", other.path("access_token").asText())).isEqualTo(401);
        assertThat(refresh(alice.refresh())).isEqualTo(401);
        assertThat(status("GET", "/api/me", apiToken)).as("the API token is deleted").isEqualTo(401);
        assertThat(audit("user.password_change", alice.id())).isTrue();
        assertThat(server.login(alice.username(), "a-new-password")).isNotBlank();
    }

    @Test
    void aPasswordChangeKeepsTheApiTokensWhenAskedTo() throws Exception {
        Account alice = Account.create("viewer");
        String apiToken = alice.apiToken();

        HttpResponse<String> changed = server.send("PUT", "/api/me/password", ArusServer.JSON.writeValueAsString(
                Map.of("current_password", alice.password(), "new_password", "a-new-password", "keep_api_tokens", true)),
                alice.access());

        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(204);
        assertThat(status("GET", "/api/me", alice.access())).isEqualTo(401);
        assertThat(status("GET", "/api/me", apiToken)).as("kept").isEqualTo(200);
    }

    @Test
    void anAdminsPasswordResetEndsEverySessionAndTheApiTokens() throws Exception {
        Account alice = Account.create("viewer");
        String apiToken = alice.apiToken();

        HttpResponse<String> reset = server.send("PATCH", "/api/users/" + alice.id(),
                ArusServer.JSON.writeValueAsString(Map.of("password", "reset-by-admin")), server.adminToken());

        assertThat(reset.statusCode()).as(reset.body()).isEqualTo(200);
        assertThat(status("GET", "/api/me", alice.access())).isEqualTo(401);
        assertThat(refresh(alice.refresh())).isEqualTo(401);
        assertThat(status("GET", "/api/me", apiToken)).isEqualTo(401);
        assertThat(audit("user.update", alice.id())).isTrue();
        assertThat(server.login(alice.username(), "reset-by-admin")).isNotBlank();
    }

    @Test
    void aDemotedEditorsOldTokenNoLongerGivesEditorRights() throws Exception {
        Account alice = Account.create("editor");
        String invalidSource = "{\"name\":\"x\",\"type\":\"no-such-type\",\"config\":{}}";
        assertThat(status("POST", "/api/sources", alice.access(), invalidSource)).as("an editor may try").isEqualTo(400);

        HttpResponse<String> demoted = server.send("PATCH", "/api/users/" + alice.id(), "{\"role\":\"viewer\"}",
                server.adminToken());

        assertThat(demoted.statusCode()).as(demoted.body()).isEqualTo(200);
        assertThat(status("POST", "/api/sources", alice.access(), invalidSource)).isEqualTo(401);
        assertThat(status("GET", "/api/me", alice.access())).isEqualTo(401);
        assertThat(refresh(alice.refresh())).isEqualTo(401);
        String again = alice.login().path("access_token").asText();
        assertThat(status("POST", "/api/sources", again, invalidSource)).as("now a viewer").isEqualTo(403);
    }

    @Test
    void aDeletedUsersTokensStopAtOnce() throws Exception {
        Account alice = Account.create("editor");
        String apiToken = alice.apiToken();

        assertThat(status("DELETE", "/api/users/" + alice.id(), server.adminToken())).isEqualTo(204);

        assertThat(status("GET", "/api/me", alice.access())).isEqualTo(401);
        assertThat(status("GET", "/api/me", apiToken)).isEqualTo(401);
        assertThat(refresh(alice.refresh())).isEqualTo(401);
        assertThat(audit("user.delete", alice.id())).isTrue();
    }

    @Test
    void anApiTokenCannotCreateApiTokens() throws Exception {
        Account alice = Account.create("admin");
        String apiToken = alice.apiToken();

        HttpResponse<String> minted = server.send("POST", "/api/tokens", "{\"name\":\"from-a-token\"}", apiToken);

        assertThat(minted.statusCode()).as(minted.body()).isEqualTo(403);
        assertThat(minted.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(status("GET", "/api/tokens", apiToken)).as("it may still list them").isEqualTo(200);
        assertThat(status("POST", "/api/tokens", alice.access(), "{\"name\":\"from-a-login\"}")).isEqualTo(201);
    }

    /** A user made for one test, logged in once. */
    private record Account(String id, String username, String password, JsonNode session) {
        static Account create(String role) throws Exception {
            String username = "session-" + role + "-" + UUID.randomUUID().toString().substring(0, 8);
            String password = "password-of-" + username;
            String id = Users.create(server, username, password, role);
            Account account = new Account(id, username, password, null);
            return new Account(id, username, password, account.login());
        }

        JsonNode login() throws Exception {
            HttpResponse<String> response = server.send("POST", "/api/auth/login",
                    ArusServer.JSON.writeValueAsString(Map.of("username", username, "password", password)), null);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return ArusServer.JSON.readTree(response.body());
        }

        String access() {
            return session.path("access_token").asText();
        }

        String refresh() {
            return session.path("refresh_token").asText();
        }

        String apiToken() throws Exception {
            HttpResponse<String> created = server.send("POST", "/api/tokens", "{\"name\":\"ci\"}", access());
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            return ArusServer.JSON.readTree(created.body()).path("token").asText();
        }
    }

    private static int status(String method, String path, String token) throws Exception {
        return server.send(method, path, null, token).statusCode();
    }

    private static int status(String method, String path, String token, String body) throws Exception {
        return server.send(method, path, body, token).statusCode();
    }

    private static int refresh(String refreshToken) throws Exception {
        return server.send("POST", "/api/auth/refresh",
                ArusServer.JSON.writeValueAsString(Map.of("refresh_token", refreshToken)), null).statusCode();
    }

    private static boolean audit(String action, String userId) throws Exception {
        for (JsonNode entry : server.json("/api/audit?limit=200")) {
            if (action.equals(entry.path("action").asText()) && ("user:" + userId).equals(entry.path("target").asText())) {
                return true;
            }
        }
        return false;
    }
}
