package io.arus.itest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A stored secret goes only where it was given for: an editor who reads a connection (password masked) and sends
 * it back pointed at a server of their own is told to give the password again, and nothing reaches that server.
 * Also the test of an unsaved configuration ({@code POST /api/sources/test}), under the same rule.
 */
class SecretBindingTest {
    private static final String ROLE = "exfil_" + UUID.randomUUID().toString().substring(0, 8);
    private static final String PASSWORD = "Pw-" + UUID.randomUUID();

    static ArusServer server;
    static String editor;

    @BeforeAll
    static void setUp() throws Exception {
        server = ArusServer.await();
        editor = Users.token(server, "editor");
        Sql.postgres("arus_test", "CREATE ROLE " + ROLE + " LOGIN PASSWORD '" + PASSWORD + "';"
                + " GRANT CREATE, USAGE ON SCHEMA public TO " + ROLE);
    }

    @AfterAll
    static void tearDown() throws Exception {
        Sql.postgres("arus_test", "REVOKE ALL ON SCHEMA public FROM " + ROLE + "; DROP ROLE IF EXISTS " + ROLE);
    }

    @Test
    void anEditorCannotSendTheStoredPasswordToAServerOfTheirOwn() throws Exception {
        String id = call("POST", "/api/destinations", connection("pg-" + shortId(), realConfig(PASSWORD)),
                server.adminToken(), 201).path("id").asText();
        assertThat(call("POST", "/api/destinations/" + id + "/test", null, editor, 200).path("ok").asBoolean())
                .as("the real destination works").isTrue();

        try (FakePostgres attacker = new FakePostgres()) {
            JsonNode read = call("GET", "/api/destinations/" + id, null, editor, 200);
            assertThat(read.path("config").path("password").asText()).isEqualTo("******");
            Map<String, Object> config = ArusServer.JSON.convertValue(read.path("config"), Map.class);
            config.put("host", "127.0.0.1");
            config.put("port", attacker.port());
            HttpResponse<String> moved = send("PUT", "/api/destinations/" + id,
                    Map.of("name", read.path("name").asText(), "type", "postgresql", "config", config), editor);
            HttpResponse<String> tested = send("POST", "/api/destinations/" + id + "/test", null, editor);
            HttpResponse<String> unsaved = send("POST", "/api/destinations/test",
                    Map.of("id", id, "type", "postgresql", "config", config), editor);

            assertThat(attacker.received()).as("what the attacker's server received").doesNotContain(PASSWORD);
            assertThat(attacker.connections()).as("connections to the attacker's server").isZero();
            assertThat(moved.statusCode()).as(moved.body()).isEqualTo(400);
            assertThat(fields(moved)).containsExactly("config.password");
            assertThat(moved.body()).contains("give the password again").contains("host").contains("port");
            assertThat(unsaved.statusCode()).as(unsaved.body()).isEqualTo(400);
            assertThat(fields(unsaved)).containsExactly("config.password");
            assertThat(ArusServer.JSON.readTree(tested.body()).path("ok").asBoolean())
                    .as("the stored destination is unchanged and still works: " + tested.body()).isTrue();
        }
        JsonNode stored = call("GET", "/api/destinations/" + id, null, editor, 200);
        assertThat(stored.path("config").path("host").asText()).isEqualTo("localhost");
        assertThat(stored.path("config").path("port").asInt()).isEqualTo(5432);
    }

    @Test
    void aPutThatChangesOnlyTheNameOrTheDatabaseKeepsTheSecret() throws Exception {
        String id = call("POST", "/api/destinations", connection("pg-" + shortId(), realConfig(PASSWORD)), editor, 201)
                .path("id").asText();
        JsonNode read = call("GET", "/api/destinations/" + id, null, editor, 200);
        Map<String, Object> config = ArusServer.JSON.convertValue(read.path("config"), Map.class);
        config.remove("port"); // its default is what is stored: still unchanged

        String renamed = "renamed-" + shortId();
        JsonNode updated = call("PUT", "/api/destinations/" + id, connection(renamed, config), editor, 200);

        assertThat(updated.path("name").asText()).isEqualTo(renamed);
        assertThat(updated.path("config").path("password").asText()).isEqualTo("******");
        JsonNode tested = call("POST", "/api/destinations/" + id + "/test", null, editor, 200);
        assertThat(tested.path("ok").asBoolean()).as(tested.toString()).isTrue();
    }

    @Test
    void aSourceIsTestedWithoutBeingSavedAndAFailingOneCreatesNothing() throws Exception {
        String before = call("GET", "/api/sources", null, editor, 200).toString();

        JsonNode ok = call("POST", "/api/sources/test", Map.of("type", "postgresql", "config", realConfig(PASSWORD)),
                editor, 200);
        Map<String, Object> wrong = realConfig(PASSWORD);
        // nothing listens there; the test server trusts local logins, so a wrong password would pass
        wrong.put("port", 1);
        JsonNode failed = call("POST", "/api/sources/test", Map.of("type", "postgresql", "config", wrong), editor, 200);
        Map<String, Object> missingHost = realConfig(PASSWORD);
        missingHost.remove("host");
        HttpResponse<String> invalid = send("POST", "/api/sources/test",
                Map.of("type", "postgresql", "config", missingHost), editor);

        assertThat(ok.path("ok").asBoolean()).as(ok.toString()).isTrue();
        assertThat(ok.has("latency_ms")).isTrue();
        assertThat(failed.path("ok").asBoolean()).isFalse();
        assertThat(failed.path("message").asText()).isNotBlank().doesNotContain(PASSWORD);
        assertThat(invalid.statusCode()).as(invalid.body()).isEqualTo(400);
        assertThat(fields(invalid)).containsExactly("config.host");
        assertThat(call("GET", "/api/sources", null, editor, 200).toString()).as("nothing was created")
                .isEqualTo(before);
        assertThat(send("POST", "/api/sources/test", Map.of("type", "postgresql", "config", realConfig(PASSWORD)),
                Users.token(server, "viewer")).statusCode()).as("a viewer does not test").isEqualTo(403);
    }

    @Test
    void anUnsavedTestWithTheIdOfAStoredSourceUsesItsSecretOnlyWhereItWasGivenFor() throws Exception {
        String id = call("POST", "/api/sources", connection("pg-" + shortId(), realConfig(PASSWORD)), editor, 201)
                .path("id").asText();
        String updatedAt = call("GET", "/api/sources/" + id, null, editor, 200).path("updated_at").asText();

        JsonNode sameHost = call("POST", "/api/sources/test",
                Map.of("id", id, "type", "postgresql", "config", realConfig("******")), editor, 200);
        Map<String, Object> elsewhere = realConfig("******");
        elsewhere.put("host", "127.0.0.1");
        HttpResponse<String> moved = send("POST", "/api/sources/test",
                Map.of("id", id, "type", "postgresql", "config", elsewhere), editor);
        HttpResponse<String> unknown = send("POST", "/api/sources/test",
                Map.of("id", UUID.randomUUID().toString(), "type", "postgresql", "config", realConfig("******")),
                editor);

        assertThat(sameHost.path("ok").asBoolean()).as(sameHost.toString()).isTrue();
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(400);
        assertThat(fields(moved)).containsExactly("config.password");
        assertThat(moved.body()).contains("give the password again: host changed");
        assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(404);
        assertThat(call("GET", "/api/sources/" + id, null, editor, 200).path("updated_at").asText())
                .as("the stored source was not touched").isEqualTo(updatedAt);
    }

    @Test
    void aWebhookUrlIsMaskedAndItsHeadersDoNotFollowANewUrl() throws Exception {
        List<String> authorizations = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try {
            String base = "http://127.0.0.1:" + receiver.getAddress().getPort();
            String token = "tok-" + UUID.randomUUID();
            Map<String, Object> config = Map.of("url", base + "/hook?token=" + token,
                    "headers", List.of("Authorization: Bearer " + token));
            JsonNode created = call("POST", "/api/notification-targets",
                    Map.of("name", "hook-" + shortId(), "type", "webhook", "config", config), editor, 201);
            String id = created.path("id").asText();
            JsonNode read = call("GET", "/api/notification-targets/" + id, null, editor, 200);

            assertThat(read.path("config").path("url").asText()).isEqualTo("******");
            assertThat(read.toString()).doesNotContain(token);
            Map<String, Object> masked = Map.of("url", "******", "headers", "******");
            JsonNode unsaved = call("POST", "/api/notification-targets/test",
                    Map.of("id", id, "type", "webhook", "config", masked), editor, 200);
            assertThat(unsaved.path("ok").asBoolean()).as(unsaved.toString()).isTrue();
            assertThat(authorizations).containsExactly("Bearer " + token);

            Map<String, Object> elsewhere = Map.of("url", base + "/attacker", "headers", "******");
            HttpResponse<String> moved = send("PUT", "/api/notification-targets/" + id,
                    Map.of("name", read.path("name").asText(), "type", "webhook", "config", elsewhere), editor);
            HttpResponse<String> movedTest = send("POST", "/api/notification-targets/test",
                    Map.of("id", id, "type", "webhook", "config", elsewhere), editor);
            assertThat(moved.statusCode()).as(moved.body()).isEqualTo(400);
            assertThat(fields(moved)).containsExactly("config.headers");
            assertThat(movedTest.statusCode()).as(movedTest.body()).isEqualTo(400);
            assertThat(authorizations).as("the headers went nowhere else").hasSize(1);
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    void aTelegramTokenDoesNotFollowANewApiUrlNorAnEmailPasswordANewHost() throws Exception {
        Map<String, Object> telegram = new LinkedHashMap<>(Map.of("bot_token", "123456:AA-" + shortId(),
                "chat_id", "-100123"));
        String bot = call("POST", "/api/notification-targets", Map.of("name", "tg-" + shortId(), "type", "telegram",
                "config", telegram), editor, 201).path("id").asText();
        Map<String, Object> email = new LinkedHashMap<>(Map.of("host", "smtp.example.com", "username", "arus",
                "password", "mail-" + shortId(), "from", "arus@example.com", "to", "ops@example.com"));
        String mail = call("POST", "/api/notification-targets", Map.of("name", "mail-" + shortId(), "type", "email",
                "config", email), editor, 201).path("id").asText();

        telegram.put("bot_token", "******");
        telegram.put("chat_id", "-100456");
        JsonNode sameApi = call("PUT", "/api/notification-targets/" + bot, Map.of("name", "tg-" + shortId(),
                "type", "telegram", "config", telegram), editor, 200);
        telegram.put("api_url", "http://127.0.0.1:9/");
        HttpResponse<String> otherApi = send("PUT", "/api/notification-targets/" + bot, Map.of("name",
                "tg-" + shortId(), "type", "telegram", "config", telegram), editor);
        email.put("password", "******");
        email.put("host", "127.0.0.1");
        HttpResponse<String> otherHost = send("PUT", "/api/notification-targets/" + mail, Map.of("name",
                "mail-" + shortId(), "type", "email", "config", email), editor);
        email.put("host", "smtp.example.com");
        email.put("starttls", false);
        HttpResponse<String> clearText = send("PUT", "/api/notification-targets/" + mail, Map.of("name",
                "mail-" + shortId(), "type", "email", "config", email), editor);

        assertThat(sameApi.path("config").path("chat_id").asText()).as("a new chat keeps the token")
                .isEqualTo("-100456");
        assertThat(otherApi.statusCode()).as(otherApi.body()).isEqualTo(400);
        assertThat(fields(otherApi)).containsExactly("config.bot_token");
        assertThat(otherApi.body()).contains("api_url changed");
        assertThat(otherHost.statusCode()).as(otherHost.body()).isEqualTo(400);
        assertThat(fields(otherHost)).containsExactly("config.password");
        assertThat(clearText.statusCode()).as("STARTTLS turned off: " + clearText.body()).isEqualTo(400);
    }

    @Test
    void theConfigSpecsSayWhichFieldsBindSecrets() throws Exception {
        JsonNode postgres = PlatformTest.find(call("GET", "/api/connectors", null, editor, 200), "postgresql");
        JsonNode webhook = PlatformTest.find(call("GET", "/api/notifiers", null, editor, 200), "webhook");

        assertThat(bindsSecrets(postgres)).containsExactly("host", "port", "ssl_mode");
        assertThat(bindsSecrets(webhook)).containsExactly("url");
        assertThat(webhook.path("config").get(0).path("secret").asBoolean()).as("the webhook url is secret").isTrue();
    }

    private static List<String> bindsSecrets(JsonNode type) {
        List<String> names = new ArrayList<>();
        type.path("config").forEach(f -> {
            if (f.path("binds_secrets").asBoolean()) {
                names.add(f.path("name").asText());
            }
        });
        return names;
    }

    private static Map<String, Object> realConfig(String password) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("host", "localhost");
        config.put("port", 5432);
        config.put("database", "arus_test");
        config.put("username", ROLE);
        config.put("password", password);
        return config;
    }

    private static Map<String, Object> connection(String name, Map<String, Object> config) {
        return Map.of("name", name, "type", "postgresql", "config", config);
    }

    private static List<String> fields(HttpResponse<String> response) throws Exception {
        List<String> fields = new ArrayList<>();
        ArusServer.JSON.readTree(response.body()).path("errors").forEach(e -> fields.add(e.path("field").asText()));
        return fields;
    }

    private static HttpResponse<String> send(String method, String path, Object body, String token) throws Exception {
        return server.send(method, path, body == null ? null : ArusServer.JSON.writeValueAsString(body), token);
    }

    private static JsonNode call(String method, String path, Object body, String token, int expected) throws Exception {
        HttpResponse<String> response = send(method, path, body, token);
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(expected);
        return ArusServer.JSON.readTree(response.body());
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
