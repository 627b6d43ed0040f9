package io.arus.itest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.arus.core.model.ConnectionSpec;
import io.arus.core.model.PipelineSpec;
import io.arus.core.model.StreamSpec;
import io.arus.core.service.Actor;
import io.arus.core.service.ConflictException;
import io.arus.core.service.ConnectionService;
import io.arus.core.service.PipelineService;
import io.arus.core.service.SavedPipeline;
import io.arus.core.service.ServiceTransaction;
import io.arus.core.store.ConnectionKind;
import io.arus.core.store.Role;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

/**
 * The typed model through the API and the services: a GET answer of a pipeline that has run is PUT back unchanged;
 * every error of a body is named at once; service calls joined in one ServiceTransaction land together or not at
 * all, and their PIPELINE_CHANGED events come only after the commit.
 */
@ExtendWith({BundleContextExtension.class, ServiceExtension.class})
class PipelineModelTest {
    private static final Actor ADMIN = new Actor("admin", Role.ADMIN, "itest");

    static ArusServer server;

    @InjectBundleContext
    BundleContext context;

    @InjectService(timeout = 30_000)
    PipelineService pipelines;

    @InjectService(timeout = 30_000)
    ConnectionService connections;

    @InjectService(timeout = 30_000)
    ServiceTransaction transaction;

    private final List<String> changes = new CopyOnWriteArrayList<>();
    private ServiceRegistration<EventHandler> listening;

    @BeforeAll
    static void setUp() throws Exception {
        server = ArusServer.await();
    }

    @BeforeEach
    void listen() {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(EventConstants.EVENT_TOPIC, "arus/pipeline/CHANGED");
        listening = context.registerService(EventHandler.class, event -> changes.add(event.getProperty("pipeline_name")
                + ":" + event.getProperty("change")), properties);
    }

    @AfterEach
    void stopListening() {
        listening.unregister();
    }

    @Test
    void aGetAnswerOfAPipelineThatRanIsPutBackUnchanged() throws Exception {
        String schema = "model_src_" + shortId();
        Sql.postgres("arus_test", "CREATE SCHEMA " + schema + "; CREATE TABLE " + schema + ".items (id bigint PRIMARY KEY,"
                + " name text, updated_at timestamptz NOT NULL); INSERT INTO " + schema + ".items SELECT g, 'item ' || g,"
                + " timestamptz '2024-01-01 00:00:00+00' + g * interval '1 minute' FROM generate_series(1, 300) g;");
        String source = DatabasePipelineTest.create("/api/sources", "postgresql", DatabasePipelineTest.pgConfig());
        String destination = DatabasePipelineTest.create("/api/destinations", "postgresql", DatabasePipelineTest.pgConfig());
        String target = DatabasePipelineTest.create("/api/notification-targets", "webhook",
                new LinkedHashMap<>(Map.of("url", "http://127.0.0.1:9/hook")));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "model-" + shortId());
        body.put("source_id", source);
        body.put("destination_id", destination);
        body.put("target_namespace", "model_dst_" + shortId());
        body.put("streams", List.of(Map.of("name", schema + ".items", "primary_key", List.of("id"))));
        body.put("schedule", Map.of("cron", "0 0 3 * * ?", "timezone", "Europe/Paris"));
        body.put("notifications", List.of(Map.of("target_id", target, "events", List.of("run_failed"))));
        body.put("overlap_policy", "queue");
        JsonNode created = call("POST", "/api/pipelines", body, 201);
        String id = created.path("id").asText();
        JsonNode run = server.runToEnd(id);
        assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("succeeded");

        JsonNode before = call("GET", "/api/pipelines/" + id, null, 200);
        JsonNode put = call("PUT", "/api/pipelines/" + id, before, 200);
        JsonNode after = call("GET", "/api/pipelines/" + id, null, 200);

        assertThat(before.path("last_run").path("id").asText()).isEqualTo(run.path("id").asText());
        assertThat(before.path("streams").get(0).path("sync_mode").asText()).as("defaults are answered").isEqualTo("incremental");
        assertThat(before.path("batch_size").asInt()).isEqualTo(10_000);
        assertThat(before.path("notifications").get(0).path("target_id").asText()).isEqualTo(target);
        assertThat(withoutUpdatedAt(put)).isEqualTo(withoutUpdatedAt(before));
        assertThat(withoutUpdatedAt(after)).isEqualTo(withoutUpdatedAt(before));
        assertThat(call("GET", "/api/pipelines", null, 200).findValues("id").stream().map(JsonNode::asText))
                .contains(id);
    }

    @Test
    void aBodyWithManyMistakesIsAnsweredWithEveryFieldAtOnce() throws Exception {
        HttpResponse<String> response = server.send("POST", "/api/pipelines", """
                {"name": "", "source_id": "nope", "destination_id": 5, "batch_size": "many", "parallelism": 40,
                 "streams": [{"name": "a.b"}, {"name": "a.b", "sync_mode": "sometimes"}], "colour": "red",
                 "schedule": {"cron": "not a cron"}}""", server.adminToken());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(ArusServer.JSON.readTree(response.body()).path("errors").findValues("field").stream().map(JsonNode::asText))
                .as("what does not bind, with the checks of the rest, references and cron included")
                .containsExactlyInAnyOrder("name", "source_id", "destination_id", "batch_size", "parallelism", "colour",
                        "streams[1].name", "streams[1].sync_mode", "schedule.cron");
        HttpResponse<String> references = server.send("POST", "/api/pipelines", """
                {"name": "refs-%s", "source_id": "nope", "destination_id": "nada", "streams": [{"name": "a.b"}],
                 "schedule": {"cron": "not a cron"}, "notifications": [{"target_id": "none", "events": ["run_failed"]}]}"""
                .formatted(shortId()), server.adminToken());
        assertThat(references.statusCode()).as(references.body()).isEqualTo(400);
        assertThat(ArusServer.JSON.readTree(references.body()).path("errors").findValues("field").stream().map(JsonNode::asText))
                .containsExactlyInAnyOrder("source_id", "destination_id", "schedule.cron", "notifications[0].target_id");
    }

    @Test
    void servicesJoinedInOneTransactionLandTogetherOrNotAtAllAndAnnounceOnlyAfterTheCommit() throws Exception {
        String source = connections.create(ADMIN, ConnectionKind.SOURCE, new ConnectionSpec("tx-src-" + shortId(),
                "postgresql", DatabasePipelineTest.pgConfig())).id();
        String destination = connections.create(ADMIN, ConnectionKind.DESTINATION, new ConnectionSpec("tx-dst-" + shortId(),
                "postgresql", DatabasePipelineTest.pgConfig())).id();
        String first = "tx-first-" + shortId();
        String second = "tx-second-" + shortId();

        assertThatThrownBy(() -> transaction.atomically(() -> {
            pipelines.create(ADMIN, spec(first, source, destination));
            pipelines.create(ADMIN, spec(first, source, destination));
            return null;
        })).isInstanceOf(ConflictException.class);

        assertThat(pipelines.byName(first)).as("the first create was rolled back with the failing second").isEmpty();
        Thread.sleep(500);
        assertThat(changes).as("nothing is announced for a rolled-back change").noneMatch(c -> c.startsWith(first));

        List<String> seenInside = new CopyOnWriteArrayList<>();
        transaction.atomically(() -> {
            SavedPipeline one = pipelines.create(ADMIN, spec(first, source, destination));
            pipelines.create(ADMIN, spec(second, source, destination));
            pipelines.setEnabled(ADMIN, one.id(), false);
            Thread.sleep(500);
            seenInside.addAll(changes);
            return null;
        });

        assertThat(seenInside).as("no event before the commit").noneMatch(c -> c.startsWith(first) || c.startsWith(second));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!changes.containsAll(List.of(first + ":created", second + ":created", first + ":disabled"))
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(changes.stream().filter(c -> c.startsWith(first) || c.startsWith(second)))
                .containsExactly(first + ":created", second + ":created", first + ":disabled");
        assertThat(pipelines.byName(first)).hasValueSatisfying(p -> assertThat(p.spec().enabled()).isFalse());
        assertThatThrownBy(() -> pipelines.create(new Actor("viewer", Role.VIEWER, "itest"), spec("v-" + shortId(),
                source, destination))).isInstanceOf(io.arus.core.service.ForbiddenException.class);
    }

    private static PipelineSpec spec(String name, String source, String destination) {
        return new PipelineSpec(name, source, destination, null, null, null, null,
                List.of(new StreamSpec("public.none", null, null, null, null, null)), null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null);
    }

    private static JsonNode withoutUpdatedAt(JsonNode pipeline) {
        ObjectNode copy = pipeline.deepCopy();
        copy.remove("updated_at");
        return copy;
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
