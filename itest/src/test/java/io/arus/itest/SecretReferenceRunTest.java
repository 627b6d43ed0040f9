package io.arus.itest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.junit5.context.BundleContextExtension;

/**
 * A source whose password is a secret reference. The itest JVM's environment is fixed, so the run reads the
 * password from {@code ${file:...}} in a secrets folder the test sets ({@code arus.secrets.dir}, read at each use);
 * {@code ${env:...}} is checked with what this environment surely has (PATH, accepted and shown as written), surely
 * lacks (an unset variable: the test fails naming the reference) and must refuse (ARUS_ADMIN_PASSWORD).
 * The test PostgreSQL trusts local logins, so the run cannot prove the password was right; a missing file failing the
 * run proves the reference is resolved when used. Then the resolved value is in no answer, event or log line.
 */
@ExtendWith(BundleContextExtension.class)
class SecretReferenceRunTest {
    private static final String SECRET = "h1-" + UUID.randomUUID();

    static ArusServer server;
    static Path folder;

    @InjectBundleContext
    BundleContext context;

    @BeforeAll
    static void setUp() throws Exception {
        server = ArusServer.await();
        folder = Files.createTempDirectory("arus-secrets");
        System.setProperty("arus.secrets.dir", folder.toString());
        Files.writeString(folder.resolve("pg-password"), SECRET + "\n");
    }

    @AfterAll
    static void tearDown() throws Exception {
        System.clearProperty("arus.secrets.dir");
        Files.deleteIfExists(folder.resolve("pg-password"));
        Files.deleteIfExists(folder);
    }

    @Test
    void aRunReadsThePasswordFromAFileAndTheValueAppearsNowhere() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        Hashtable<String, Object> topics = new Hashtable<>();
        topics.put(EventConstants.EVENT_TOPIC, "arus/*");
        ServiceRegistration<EventHandler> listening = context.registerService(EventHandler.class, event -> {
            StringBuilder text = new StringBuilder(event.getTopic());
            for (String name : event.getPropertyNames()) {
                text.append(' ').append(name).append('=').append(event.getProperty(name));
            }
            events.add(text.toString());
        }, topics);
        try {
            String reference = "${file:" + folder.resolve("pg-password") + "}";
            String schema = "secret_src_" + shortId();
            Sql.postgres("arus_test", "CREATE SCHEMA " + schema + "; CREATE TABLE " + schema + ".items (id bigint PRIMARY KEY,"
                    + " updated_at timestamptz NOT NULL); INSERT INTO " + schema + ".items SELECT g, now() FROM generate_series(1, 50) g;");
            JsonNode source = call("POST", "/api/sources", connection(config(reference)), 201);
            String destination = DatabasePipelineTest.create("/api/destinations", "postgresql", DatabasePipelineTest.pgConfig());
            String pipeline = call("POST", "/api/pipelines", Map.of("name", "secret-" + shortId(), "source_id",
                    source.path("id").asText(), "destination_id", destination, "target_namespace", "secret_dst_" + shortId(),
                    "streams", List.of(Map.of("name", schema + ".items"))), 201).path("id").asText();

            JsonNode run = server.runToEnd(pipeline);

            assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("succeeded");
            assertThat(source.path("config").path("password").asText()).as("a reference is no secret").isEqualTo(reference);
            String runId = run.path("id").asText();
            List<String> answers = new ArrayList<>();
            for (String path : List.of("/api/sources/" + source.path("id").asText(), "/api/sources", "/api/runs/" + runId,
                    "/api/runs/" + runId + "/logs", "/api/runs/" + runId + "/log", "/api/pipelines/" + pipeline,
                    "/api/pipelines/" + pipeline + "/runs", "/api/audit")) {
                HttpResponse<String> answer = server.send("GET", path, null, server.adminToken());
                assertThat(answer.statusCode()).as(path + ": " + answer.body()).isEqualTo(200);
                answers.add(answer.body());
            }
            assertThat(answers).as("every answer").noneMatch(body -> body.contains(SECRET));
            assertThat(events).as("the run's events").isNotEmpty().noneMatch(event -> event.contains(SECRET));
            Path log = Path.of(context.getProperty("arus.log.file"));
            assertThat(Files.readString(log)).as("the server log").isNotEmpty().doesNotContain(SECRET);
        } finally {
            listening.unregister();
        }
    }

    @Test
    void aMissingFileFailsTheRunNamingTheReferenceAndAnUnsetVariableFailsTheTest() throws Exception {
        String missing = "${file:" + folder.resolve("not-there") + "}";
        String source = call("POST", "/api/sources", connection(config(missing)), 201).path("id").asText();
        String destination = DatabasePipelineTest.create("/api/destinations", "postgresql", DatabasePipelineTest.pgConfig());
        String pipeline = call("POST", "/api/pipelines", Map.of("name", "missing-" + shortId(), "source_id", source,
                "destination_id", destination, "streams", List.of(Map.of("name", "public.none"))), 201).path("id").asText();

        JsonNode run = server.runToEnd(pipeline);

        assertThat(run.path("status").asText()).isEqualTo("failed");
        assertThat(run.path("error").asText()).contains(missing).contains("does not exist");
        String unset = "${env:H1_ITEST_SURELY_UNSET_VARIABLE}";
        String unsetSource = call("POST", "/api/sources", connection(config(unset)), 201).path("id").asText();
        JsonNode tested = call("POST", "/api/sources/" + unsetSource + "/test", null, 200);
        assertThat(tested.path("ok").asBoolean()).isFalse();
        assertThat(tested.path("message").asText()).contains(unset).contains("is not set");
    }

    @Test
    void referencesToArusOwnVariablesOrFilesOutsideTheFolderAreRefusedNamingTheField() throws Exception {
        for (String refused : List.of("${env:ARUS_ADMIN_PASSWORD}", "${file:/etc/passwd}",
                "${file:" + folder.resolve("../outside") + "}")) {
            HttpResponse<String> response = server.send("POST", "/api/sources",
                    ArusServer.JSON.writeValueAsString(connection(config(refused))), server.adminToken());
            assertThat(response.statusCode()).as(refused + ": " + response.body()).isEqualTo(400);
            assertThat(ArusServer.JSON.readTree(response.body()).path("errors").findValues("field").stream()
                    .map(JsonNode::asText)).containsExactly("config.password");
        }
        JsonNode path = call("POST", "/api/sources", connection(config("${env:PATH}")), 201);
        assertThat(path.path("config").path("password").asText()).isEqualTo("${env:PATH}");
        JsonNode read = call("GET", "/api/sources/" + path.path("id").asText(), null, 200);
        assertThat(read.path("config").path("password").asText()).isEqualTo("${env:PATH}");
        JsonNode putBack = call("PUT", "/api/sources/" + path.path("id").asText(), Map.of("name", read.path("name").asText(),
                "type", "postgresql", "config", ArusServer.JSON.convertValue(read.path("config"), Map.class)), 200);
        assertThat(putBack.path("config").path("password").asText()).isEqualTo("${env:PATH}");
    }

    private static Map<String, Object> config(String password) {
        Map<String, Object> config = DatabasePipelineTest.pgConfig();
        config.put("password", password);
        return config;
    }

    private static Map<String, Object> connection(Map<String, Object> config) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "ref-" + shortId());
        body.put("type", "postgresql");
        body.put("config", config);
        return body;
    }

    private static JsonNode call(String method, String path, Object body, int expected) throws Exception {
        HttpResponse<String> response = server.send(method, path,
                body == null ? null : ArusServer.JSON.writeValueAsString(body), server.adminToken());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(expected);
        return ArusServer.JSON.readTree(response.body());
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
