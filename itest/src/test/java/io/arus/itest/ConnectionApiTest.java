package io.arus.itest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.arus.api.connector.Connector;
import io.arus.itest.fixture.SecretSourceConnector;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.junit5.context.BundleContextExtension;

/** {@code /api/sources} and {@code /api/destinations}: validation, secrets, test and discovery. */
@ExtendWith(BundleContextExtension.class)
class ConnectionApiTest {
    static ArusServer server;

    @InjectBundleContext
    BundleContext context;

    private final SecretSourceConnector connector = new SecretSourceConnector();
    private ServiceRegistration<Connector> registration;
    private final List<String> answers = new ArrayList<>();

    @BeforeAll
    static void awaitServer() throws Exception {
        server = ArusServer.await();
    }

    @BeforeEach
    void register() throws Exception {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(Connector.TYPE_PROPERTY, SecretSourceConnector.TYPE);
        registration = context.registerService(Connector.class, connector, props);
        server.awaitJson("/api/connectors", java.time.Duration.ofSeconds(15),
                list -> PlatformTest.find(list, SecretSourceConnector.TYPE) != null, "the test connector should be listed");
    }

    @AfterEach
    void unregister() {
        registration.unregister();
    }

    @Test
    void thePasswordAppearsInNoAnswerNoLogAndNotInTheDatabaseFile() throws Exception {
        String password = "Pw-" + UUID.randomUUID();
        String editor = Users.token(server, "editor");
        JsonNode created = call("POST", "/api/sources", body("src-" + UUID.randomUUID(), password, false), editor, 201);
        String id = created.path("id").asText();

        assertThat(created.path("config").path("password").asText()).isEqualTo("******");
        assertThat(created.path("config").path("port").asInt()).isEqualTo(5432);
        JsonNode test = call("POST", "/api/sources/" + id + "/test", null, editor, 200);
        assertThat(test.path("ok").asBoolean()).isTrue();
        assertThat(test.path("message").asText()).isEqualTo("connected to db.internal as reporter");
        assertThat(test.has("latency_ms")).isTrue();
        assertThat(connector.lastPassword()).as("the connector got the real password").isEqualTo(password);

        JsonNode streams = call("GET", "/api/sources/" + id + "/streams", null, editor, 200).path("streams");
        assertThat(streams.get(0).path("namespace").asText()).isEqualTo("public");
        assertThat(streams.get(0).path("name").asText()).isEqualTo("customers");
        assertThat(streams.get(0).path("columns").get(2).path("type").asText()).isEqualTo("timestamptz");
        assertThat(streams.get(0).path("columns").get(1).path("native_type").asText()).isEqualTo("varchar(200)");
        assertThat(streams.get(0).path("primary_key").get(0).asText()).isEqualTo("id");
        assertThat(streams.get(0).path("cursor_candidates").get(0).asText()).isEqualTo("updated_at");
        assertThat(streams.get(0).path("row_estimate").asLong()).isEqualTo(1234);

        // sending the mask back keeps the stored password
        Map<String, Object> unchanged = body(created.path("name").asText(), "******", false);
        call("PUT", "/api/sources/" + id, unchanged, editor, 200);
        call("POST", "/api/sources/" + id + "/test", null, editor, 200);
        assertThat(connector.lastPassword()).isEqualTo(password);
        // an error message that echoes the password is scrubbed
        call("PUT", "/api/sources/" + id, body(created.path("name").asText(), "******", true), editor, 200);
        JsonNode failed = call("POST", "/api/sources/" + id + "/test", null, editor, 200);
        assertThat(failed.path("ok").asBoolean()).isFalse();
        assertThat(failed.path("message").asText()).isEqualTo("login failed for password ******");
        call("GET", "/api/sources", null, editor, 200);
        call("GET", "/api/sources/" + id, null, editor, 200);
        call("GET", "/api/audit?limit=50", null, server.adminToken(), 200);

        assertThat(answers).noneMatch(a -> a.contains(password));
        Path log = Path.of(context.getProperty("arus.log.file"));
        assertThat(Files.readString(log)).as("server log").isNotEmpty().doesNotContain(password);
        try (Stream<Path> files = Files.list(Path.of(context.getProperty("arus.data.dir")))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).as(file.toString())
                        .doesNotContain(password);
            }
        }
        call("DELETE", "/api/sources/" + id, null, editor, 204);
        call("GET", "/api/sources/" + id, null, editor, 404);
    }

    @Test
    void anInvalidConfigurationIsA400NamingTheField() throws Exception {
        String editor = Users.token(server, "editor");

        JsonNode unknownType = call("POST", "/api/sources", Map.of("name", "x", "type", "oracle-9i", "config", Map.of()), editor, 400);
        assertThat(unknownType.path("errors").get(0).path("field").asText()).isEqualTo("type");

        Map<String, Object> missing = new LinkedHashMap<>(body("x-" + UUID.randomUUID(), "pw", false));
        ((Map<?, ?>) missing.get("config")).remove("host");
        JsonNode missingHost = call("POST", "/api/sources", missing, editor, 400);
        assertThat(missingHost.path("errors").get(0).path("field").asText()).isEqualTo("config.host");

        Map<String, Object> wrongType = body("x-" + UUID.randomUUID(), "pw", false);
        ((Map<String, Object>) wrongType.get("config")).put("port", "five thousand");
        JsonNode badPort = call("POST", "/api/sources", wrongType, editor, 400);
        assertThat(badPort.path("errors").get(0).path("field").asText()).isEqualTo("config.port");

        JsonNode notADestination = call("POST", "/api/destinations", body("d-" + UUID.randomUUID(), "pw", false), editor, 400);
        assertThat(notADestination.path("errors").get(0).path("field").asText()).isEqualTo("type");
        assertThat(notADestination.path("detail").asText()).contains("cannot be a destination");
    }

    @Test
    void aDuplicateNameIsAConflict() throws Exception {
        String editor = Users.token(server, "editor");
        String name = "dup-" + UUID.randomUUID();
        call("POST", "/api/sources", body(name, "pw", false), editor, 201);

        call("POST", "/api/sources", body(name, "pw", false), editor, 409);
    }

    @Test
    void aSourceWhoseConnectorIsGoneIsListedAsUnavailableAndItsTestSaysSo() throws Exception {
        String editor = Users.token(server, "editor");
        String id = call("POST", "/api/sources", body("gone-" + UUID.randomUUID(), "pw", false), editor, 201).path("id").asText();
        registration.unregister();
        server.awaitJson("/api/connectors", java.time.Duration.ofSeconds(15),
                list -> PlatformTest.find(list, SecretSourceConnector.TYPE) == null, "the test connector should be gone");

        JsonNode source = call("GET", "/api/sources/" + id, null, editor, 200);
        assertThat(source.path("available").asBoolean()).isFalse();
        assertThat(source.path("config").path("password").asText()).isEqualTo("******");
        JsonNode test = call("POST", "/api/sources/" + id + "/test", null, editor, 200);
        assertThat(test.path("ok").asBoolean()).isFalse();
        assertThat(test.path("message").asText()).contains("not installed");
        call("GET", "/api/sources/" + id + "/streams", null, editor, 503);
        registration = context.registerService(Connector.class, connector, new Hashtable<>(Map.of(Connector.TYPE_PROPERTY, SecretSourceConnector.TYPE)));
    }

    private static Map<String, Object> body(String name, String password, boolean fail) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("host", "db.internal");
        config.put("database", "sales");
        config.put("username", "reporter");
        config.put("password", password);
        config.put("fail", fail);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("type", SecretSourceConnector.TYPE);
        body.put("config", config);
        return body;
    }

    private JsonNode call(String method, String path, Object body, String token, int expected) throws Exception {
        HttpResponse<String> response = server.send(method, path, body == null ? null : ArusServer.JSON.writeValueAsString(body), token);
        answers.add(response.body());
        response.headers().map().values().forEach(v -> answers.add(String.join(",", v)));
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(expected);
        return response.body().isEmpty() ? ArusServer.JSON.nullNode() : ArusServer.JSON.readTree(response.body());
    }
}
