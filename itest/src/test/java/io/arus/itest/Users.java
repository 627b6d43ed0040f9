package io.arus.itest;

import java.util.Map;
import java.util.UUID;

/** Creates users through the API, as an admin would. */
final class Users {
    private Users() {
    }

    /** A new user of that role (unique name), logged in: its access token. */
    static String token(ArusServer server, String role) throws Exception {
        String username = role + "-" + UUID.randomUUID().toString().substring(0, 8);
        create(server, username, "password-of-" + username, role);
        return server.login(username, "password-of-" + username);
    }

    /** @return the new user's id */
    static String create(ArusServer server, String username, String password, String role) throws Exception {
        var response = server.send("POST", "/api/users", ArusServer.JSON.writeValueAsString(
                Map.of("username", username, "password", password, "role", role)), server.adminToken());
        if (response.statusCode() != 201) {
            throw new AssertionError("creating " + username + " answered " + response.statusCode() + ": " + response.body());
        }
        return ArusServer.JSON.readTree(response.body()).path("id").asText();
    }
}
