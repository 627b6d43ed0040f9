package io.arus.itest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.arus.api.config.Config;
import io.arus.api.connector.Connector;
import io.arus.api.connector.ConnectorSession;
import io.arus.api.connector.ReadRequest;
import io.arus.api.connector.Split;
import io.arus.api.connector.StreamId;
import io.arus.api.connector.StreamReader;
import io.arus.api.record.RecordBatch;
import io.arus.core.platform.PluginCatalog;
import io.arus.itest.fixture.MemoryDestination;
import io.arus.itest.fixture.MemoryTable;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.felix.service.command.CommandProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.service.ServiceExtension;

/**
 * The engine through the API, with the real generator source (dropped in) and an in-memory destination that
 * behaves like a transactional database: full refresh, incremental resume, dead letters, the error threshold,
 * cancel and resume. Every destination table is compared with the source's rows, value by value.
 */
@ExtendWith(ServiceExtension.class)
class EngineTest {
    static ArusServer server;
    static ServiceRegistration<Connector> memory;
    static Path dropped;

    @InjectService
    PluginCatalog catalog;

    @InjectService
    CommandProcessor shell;

    @BeforeAll
    static void setUp() throws Exception {
        server = ArusServer.await();
        BundleContext context = FrameworkUtil.getBundle(EngineTest.class).getBundleContext();
        Path folder = Path.of(context.getProperty("felix.fileinstall.dir"));
        dropped = folder.resolve("engine-generator.jar");
        PluginJars.drop(Path.of(context.getProperty("arus.itest.generator.jar")), folder, "engine-generator.jar");
        memory = context.registerService(Connector.class, new MemoryDestination(),
                new Hashtable<>(Map.of(Connector.TYPE_PROPERTY, MemoryDestination.TYPE)));
        server.awaitJson("/api/connectors", Duration.ofSeconds(15), list -> PlatformTest.find(list, "generator") != null
                && PlatformTest.find(list, MemoryDestination.TYPE) != null, "generator and memory connectors should be listed");
    }

    @AfterAll
    static void tearDown() throws Exception {
        memory.unregister();
        Files.deleteIfExists(dropped);
    }

    @Test
    void incrementalRunsCopyEveryRowThenOnlyTheNewOnes() throws Exception {
        String source = create("/api/sources", "generator", Map.of("rows", 2000, "seed", 7));
        String destination = create("/api/destinations", MemoryDestination.TYPE, Map.of());
        String namespace = "inc_" + shortId();
        String pipeline = pipeline(source, destination, namespace, "incremental", Map.of("batch_size", 300));

        JsonNode first = runToEnd(pipeline);
        assertThat(first.path("status").asText()).isEqualTo("succeeded");
        assertThat(first.path("trigger").asText()).isEqualTo("api");
        assertThat(first.path("streams").get(0).path("rows_read").asLong()).isEqualTo(2000);
        assertThat(first.path("streams").get(0).path("rows_written").asLong()).isEqualTo(2000);
        assertEqualToSource(namespace, 2000, 7);

        update(source, "generator", Map.of("rows", 2500, "seed", 7));
        JsonNode second = runToEnd(pipeline);
        assertThat(second.path("status").asText()).isEqualTo("succeeded");
        assertThat(second.path("streams").get(0).path("rows_read").asLong()).as("only the new rows").isEqualTo(500);
        assertEqualToSource(namespace, 2500, 7);

        JsonNode state = server.json("/api/pipelines/" + pipeline + "/state").path("streams").path("generator.table_1");
        assertThat(state.path("all").path("values").path("id").asLong()).isEqualTo(2500);
        String logs = server.get("/api/runs/" + first.path("id").asText() + "/logs").body();
        assertThat(logs).contains("cursor column detected: updated_at");
        assertThat(server.json("/api/pipelines/" + pipeline + "/runs")).hasSize(2);
    }

    @Test
    void theShellListsPipelinesStartsARunWithTheShellTriggerAndShowsItsCounters() throws Exception {
        String source = create("/api/sources", "generator", Map.of("rows", 700, "seed", 5));
        String destination = create("/api/destinations", MemoryDestination.TYPE, Map.of());
        String namespace = "shell_" + shortId();
        String pipeline = pipeline(source, destination, namespace, "full_refresh", Map.of("batch_size", 200));
        String name = server.json("/api/pipelines/" + pipeline).path("name").asText();

        assertThat(PlatformTest.execute(shell, "arus:pipelines")).contains(pipeline).contains(name).contains("never run");
        String started = PlatformTest.execute(shell, "arus:run " + name);
        assertThat(started).contains("started");
        String runId = started.split(" ")[1];
        JsonNode run = await(runId);
        assertThat(run.path("status").asText()).isEqualTo("succeeded");
        assertThat(run.path("trigger").asText()).isEqualTo("shell");
        assertEqualToSource(namespace, 700, 5);
        assertThat(PlatformTest.execute(shell, "arus:status " + runId)).contains("succeeded").contains("generator.table_1")
                .contains("700");
        assertThat(PlatformTest.execute(shell, "arus:runs " + pipeline)).contains(runId).contains("shell");
        // audited before the run starts, so the entry names the pipeline (the run has no id yet)
        assertThat(server.json("/api/audit").toString()).contains("pipeline:" + pipeline).contains(name + ", trigger shell");
    }

    @Test
    void aRunRequestMayMarkItselfManualAndAnyOtherBodyIsA400NamingTheField() throws Exception {
        String source = create("/api/sources", "generator", Map.of("rows", 100, "seed", 9));
        String destination = create("/api/destinations", MemoryDestination.TYPE, Map.of());
        String pipeline = pipeline(source, destination, "manual_" + shortId(), "full_refresh", Map.of());
        String path = "/api/pipelines/" + pipeline + "/runs";

        HttpResponse<String> wrong = server.send("POST", path, "{\"trigger\":\"schedule\"}", server.adminToken());
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(wrong.body()).contains("\"field\":\"trigger\"");
        HttpResponse<String> unknown = server.send("POST", path, "{\"trigger\":\"manual\",\"force\":true}", server.adminToken());
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("\"field\":\"force\"");
        HttpResponse<String> manual = server.send("POST", path, "{\"trigger\":\"manual\"}", server.adminToken());
        assertThat(manual.statusCode()).as(manual.body()).isEqualTo(202);
        JsonNode run = await(ArusServer.JSON.readTree(manual.body()).path("run_id").asText());
        assertThat(run.path("trigger").asText()).isEqualTo("manual");
        assertThat(run.path("status").asText()).isEqualTo("succeeded");
    }

    @Test
    void anEventStreamClientReceivesTheStateChangesAndProgressOfARunningRun() throws Exception {
        String source = create("/api/sources", "generator", Map.of("rows", 60_000, "seed", 11));
        String destination = create("/api/destinations", MemoryDestination.TYPE, Map.of());
        String pipeline = pipeline(source, destination, "events_" + shortId(), "full_refresh", Map.of("batch_size", 500));
        // a browser's EventSource cannot send headers: the token rides in the query string
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.base() + "/api/events?pipeline_id=" + pipeline
                + "&for_seconds=60&access_token=" + server.adminToken())).header("Accept", "text/event-stream").build();
        HttpResponse<java.util.stream.Stream<String>> stream = HttpClient.newHttpClient().send(request,
                HttpResponse.BodyHandlers.ofLines());
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");

        String runId = start(pipeline);
        List<JsonNode> states = new ArrayList<>();
        List<JsonNode> progress = new ArrayList<>();
        String event = null;
        java.util.Iterator<String> lines = stream.body().iterator();
        while (lines.hasNext()) {
            String line = lines.next();
            if (line.startsWith("event:")) {
                event = line.substring(6).trim();
            } else if (line.startsWith("data:")) {
                JsonNode data = ArusServer.JSON.readTree(line.substring(5).trim());
                assertThat(data.path("run_id").asText()).isEqualTo(runId);
                (("run.state".equals(event)) ? states : progress).add(data);
                if ("run.state".equals(event) && data.path("status").asText().equals("succeeded")) {
                    break;
                }
            }
        }
        stream.body().close();
        assertThat(states).extracting(s -> s.path("status").asText()).containsSubsequence("queued", "running", "succeeded");
        assertThat(states.get(states.size() - 1).path("rows_written").asLong()).isEqualTo(60_000);
        assertThat(progress).as("progress while the run goes on").isNotEmpty();
        assertThat(progress).allSatisfy(p -> assertThat(p.path("stream").asText()).isEqualTo("generator.table_1"));
        assertThat(progress).anySatisfy(p -> assertThat(p.path("rows_written").asLong()).isPositive());
        assertThat(progress).anySatisfy(p -> assertThat(p.path("rows_per_second").asLong()).isPositive());

        HttpResponse<String> noToken = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(server.base() + "/api/events?for_seconds=1")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(noToken.statusCode()).isEqualTo(401);
    }

    @Test
    void theDashboardCountsRunsAndRowsAndTheDagShowsPipelinesWithTheirDependencies() throws Exception {
        String source = create("/api/sources", "generator", Map.of("rows", 1234, "seed", 13));
        String destination = create("/api/destinations", MemoryDestination.TYPE, Map.of());
        String upstream = pipeline(source, destination, "dash_a_" + shortId(), "full_refresh", Map.of());
        String downstream = pipeline(source, destination, "dash_b_" + shortId(), "full_refresh",
                Map.of("depends_on", List.of(upstream), "schedule", Map.of("cron", "0 0 3 * * ?", "timezone", "Europe/Paris")));
        String idle = pipeline(source, destination, "dash_c_" + shortId(), "full_refresh", Map.of());
        long rowsBefore = server.json("/api/dashboard").path("rows_today").asLong();

        JsonNode run = runToEnd(upstream);
        assertThat(run.path("status").asText()).isEqualTo("succeeded");

        JsonNode dashboard = server.json("/api/dashboard");
        // the newest runs (the downstream's dependency run may already be newer than the upstream's)
        assertThat(dashboard.path("recent_runs").size()).isBetween(1, 10);
        assertThat(dashboard.path("recent_runs")).anySatisfy(recent -> {
            assertThat(recent.path("id").asText()).isEqualTo(run.path("id").asText());
            assertThat(recent.path("pipeline_id").asText()).isEqualTo(upstream);
            assertThat(recent.path("pipeline_name").asText()).startsWith("p-");
            assertThat(recent.path("status").asText()).isEqualTo("succeeded");
        });
        // every pipeline in a list comes with its last run (or null), so the console asks once
        JsonNode listed = server.json("/api/pipelines");
        assertThat(listed).anySatisfy(p -> {
            assertThat(p.path("id").asText()).isEqualTo(upstream);
            assertThat(p.path("last_run").path("id").asText()).isEqualTo(run.path("id").asText());
            assertThat(p.path("last_run").path("ended_at").isTextual()).isTrue();
        });
        assertThat(listed).anySatisfy(p -> {
            assertThat(p.path("id").asText()).isEqualTo(idle);
            assertThat(p.path("last_run").isNull()).isTrue();
        });
        assertThat(server.json("/api/pipelines/" + upstream).path("last_run").path("status").asText()).isEqualTo("succeeded");
        assertThat(dashboard.path("pipelines").path("total").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(dashboard.path("runs_24h").path("succeeded").asLong()).isPositive();
        assertThat(dashboard.path("rows_today").asLong()).isGreaterThanOrEqualTo(rowsBefore + 1234);
        assertThat(dashboard.path("rows_per_day")).hasSize(14);
        assertThat(dashboard.path("slowest_streams").isArray()).isTrue();
        JsonNode dag = server.json("/api/dag");
        assertThat(dag.path("edges").toString()).contains("{\"from\":\"" + upstream + "\",\"to\":\"" + downstream + "\"}");
        JsonNode nodes = dag.path("nodes");
        assertThat(nodes).anySatisfy(n -> {
            assertThat(n.path("id").asText()).isEqualTo(upstream);
            assertThat(n.path("last_status").asText()).isEqualTo("succeeded");
        });
        assertThat(nodes).anySatisfy(n -> {
            assertThat(n.path("id").asText()).isEqualTo(downstream);
            assertThat(n.path("schedule").path("timezone").asText()).isEqualTo("Europe/Paris");
        });
    }

    @Test
    void fullRefreshReplacesTheTableAndARerunLeavesNoDuplicates() throws Exception {
        String source = create("/api/sources", "generator", Map.of("rows", 1000, "seed", 3));
        String destination = create("/api/destinations", MemoryDestination.TYPE, Map.of());
        String namespace = "full_" + shortId();
        String pipeline = pipeline(source, destination, namespace, "full_refresh", Map.of("batch_size", 250));

        assertThat(runToEnd(pipeline).path("status").asText()).isEqualTo("succeeded");
        assertThat(runToEnd(pipeline).path("status").asText()).isEqualTo("succeeded");

        assertEqualToSource(namespace, 1000, 3);
        JsonNode state = server.json("/api/pipelines/" + pipeline + "/state");
        assertThat(state.path("streams").has("generator.table_1")).as("a finished full refresh keeps no offset").isFalse();
        assertThat(state.path("schemas").path("generator.table_1").toString()).as("only the columns it saw")
                .contains("id int64");
    }

    @Test
    void refusedRowsGoToDeadLettersWithTheReasonWhileTheRestLands() throws Exception {
        String source = create("/api/sources", "generator", Map.of("rows", 2000, "seed", 5));
        String destination = create("/api/destinations", MemoryDestination.TYPE, Map.of("reject_id_multiple", 500));
        String namespace = "dl_" + shortId();
        String pipeline = pipeline(source, destination, namespace, "incremental", Map.of("batch_size", 400));

        JsonNode run = runToEnd(pipeline);

        assertThat(run.path("status").asText()).as("rows were refused").isEqualTo("succeeded_with_warnings");
        assertThat(run.path("streams").get(0).path("rows_rejected").asLong()).isEqualTo(4);
        assertThat(run.path("streams").get(0).path("rows_written").asLong()).isEqualTo(1996);
        JsonNode letters = server.json("/api/dead-letters?run_id=" + run.path("id").asText());
        assertThat(letters).hasSize(4);
        assertThat(letters).extracting(l -> l.path("values").path("id").asLong()).containsExactlyInAnyOrder(500L, 1000L, 1500L, 2000L);
        assertThat(letters.get(0).path("reason").asText()).contains("refused by this test destination");
        assertThat(letters.get(0).path("stream").asText()).isEqualTo("generator.table_1");
        assertThat(MemoryDestination.TABLES.get(namespace + ".table_1").size()).isEqualTo(1996);
    }

    @Test
    void moreRefusedRowsThanTheErrorThresholdFailTheRun() throws Exception {
        String source = create("/api/sources", "generator", Map.of("rows", 2000, "seed", 5));
        String destination = create("/api/destinations", MemoryDestination.TYPE, Map.of("reject_id_multiple", 500));
        String pipeline = pipeline(source, destination, "thr_" + shortId(), "incremental",
                Map.of("batch_size", 400, "error_threshold", 2));

        JsonNode run = runToEnd(pipeline);

        assertThat(run.path("status").asText()).isEqualTo("failed");
        assertThat(run.path("error").asText()).contains("error threshold of 2");
    }

    @Test
    void aCancelledRunStopsAtABatchBoundaryAndTheNextRunResumesWithoutLossOrDuplicates() throws Exception {
        String source = create("/api/sources", "generator", Map.of("rows", 20_000, "seed", 11));
        String destination = create("/api/destinations", MemoryDestination.TYPE, Map.of("flush_delay_ms", 40));
        String namespace = "cancel_" + shortId();
        String pipeline = pipeline(source, destination, namespace, "incremental", Map.of("batch_size", 500));

        String runId = start(pipeline);
        assertThat(server.send("POST", "/api/pipelines/" + pipeline + "/runs", null, server.adminToken()).statusCode())
                .as("never two runs of one pipeline").isEqualTo(409);
        server.awaitJson("/api/runs/" + runId, Duration.ofSeconds(20),
                r -> r.path("streams").size() > 0 && r.path("streams").get(0).path("rows_written").asLong() > 0,
                "the run should have written something");
        assertThat(server.send("POST", "/api/runs/" + runId + "/cancel", null, server.adminToken()).statusCode()).isEqualTo(200);
        JsonNode cancelled = await(runId);
        assertThat(cancelled.path("status").asText()).isEqualTo("cancelled");
        int landed = MemoryDestination.TABLES.get(namespace + ".table_1").size();
        assertThat(landed).isBetween(1, 19_999);

        JsonNode resumed = runToEnd(pipeline);
        assertThat(resumed.path("status").asText()).isEqualTo("succeeded");
        assertThat(resumed.path("streams").get(0).path("rows_read").asLong()).isEqualTo(20_000 - landed);
        assertEqualToSource(namespace, 20_000, 11);
    }

    @Test
    void theRawZoneKeepsEveryRecordAsJsonWithRunIdAndExtractionTimeNextToTheNormalizedZone() throws Exception {
        String source = create("/api/sources", "generator", Map.of("rows", 500, "seed", 9));
        String destination = create("/api/destinations", MemoryDestination.TYPE, Map.of());
        String namespace = "zones_" + shortId();
        String raw = "raw_" + shortId();
        String pipeline = pipeline(source, destination, namespace, "incremental",
                Map.of("zones", List.of("raw", "normalized"), "raw_namespace", raw));

        JsonNode run = runToEnd(pipeline);

        assertThat(run.path("status").asText()).isEqualTo("succeeded");
        assertEqualToSource(namespace, 500, 9);
        MemoryTable rawTable = MemoryDestination.TABLES.get(raw + ".table_1");
        assertThat(rawTable.schema().names()).containsExactly("_arus_run_id", "_arus_extracted_at", "_arus_data");
        assertThat(rawTable.rows()).hasSize(500).allSatisfy(row -> {
            assertThat(row[0]).isEqualTo(run.path("id").asText());
            assertThat(row[1]).isInstanceOf(java.time.Instant.class);
        });
        JsonNode first = ArusServer.JSON.readTree((String) rawTable.rows().get(0)[2]);
        assertThat(first.path("id").asLong()).isEqualTo(1);
        assertThat(first.path("updated_at").asText()).startsWith("2024-01-01T");
        assertThat(first.path("tags").isArray()).isTrue();
    }

    @Test
    void aDestinationOutageFailsTheRunAndTheNextRunResumesWithoutLossOrDuplicates() throws Exception {
        String source = create("/api/sources", "generator", Map.of("rows", 5000, "seed", 13));
        String destination = create("/api/destinations", MemoryDestination.TYPE, Map.of("fail_after_rows", 2000));
        String namespace = "outage_" + shortId();
        String pipeline = pipeline(source, destination, namespace, "incremental", Map.of("batch_size", 500,
                "retry", Map.of("attempts", 0))); // fails at once (no retries): the next run resumes

        JsonNode failed = runToEnd(pipeline);
        assertThat(failed.path("status").asText()).isEqualTo("failed");
        assertThat(failed.path("error").asText()).contains("unreachable");
        assertThat(MemoryDestination.TABLES.get(namespace + ".table_1").size()).isEqualTo(2000);

        JsonNode current = server.json("/api/destinations/" + destination);
        assertThat(server.send("PUT", "/api/destinations/" + destination, ArusServer.JSON.writeValueAsString(Map.of(
                "name", current.path("name").asText(), "type", MemoryDestination.TYPE, "config", Map.of("fail_after_rows", 0))),
                server.adminToken()).statusCode()).isEqualTo(200);
        JsonNode resumed = runToEnd(pipeline);
        assertThat(resumed.path("status").asText()).isEqualTo("succeeded");
        assertThat(resumed.path("streams").get(0).path("rows_read").asLong()).as("resumed after the last flushed batch").isEqualTo(3000);
        assertEqualToSource(namespace, 5000, 13);
    }

    @Test
    void aDestinationThatTakesManyRowsPerFlushIsFlushedLessOftenAndAnOutageStillLosesAndRepeatsNothing() throws Exception {
        String source = create("/api/sources", "generator", Map.of("rows", 5000, "seed", 17));
        String destination = create("/api/destinations", MemoryDestination.TYPE,
                Map.of("rows_per_flush", 1000, "fail_after_rows", 2000));
        String namespace = "perflush_" + shortId();
        String pipeline = pipeline(source, destination, namespace, "incremental", Map.of("batch_size", 250,
                "retry", Map.of("attempts", 0))); // fails at once (no retries): the next run resumes

        JsonNode failed = runToEnd(pipeline);
        assertThat(failed.path("status").asText()).isEqualTo("failed");
        // four batches of 250 per flush: two flushes landed, the third met the outage
        assertThat(MemoryDestination.TABLES.get(namespace + ".table_1").size()).isEqualTo(2000);
        assertThat(MemoryDestination.FLUSHES.get(namespace + ".table_1")).isEqualTo(2);
        assertThat(server.json("/api/runs/" + failed.path("id").asText() + "/logs").toString())
                .contains("1000 rows per flush");

        JsonNode current = server.json("/api/destinations/" + destination);
        assertThat(server.send("PUT", "/api/destinations/" + destination, ArusServer.JSON.writeValueAsString(Map.of(
                "name", current.path("name").asText(), "type", MemoryDestination.TYPE,
                "config", Map.of("rows_per_flush", 1000))), server.adminToken()).statusCode()).isEqualTo(200);
        JsonNode resumed = runToEnd(pipeline);
        assertThat(resumed.path("status").asText()).isEqualTo("succeeded");
        assertThat(resumed.path("streams").get(0).path("rows_read").asLong())
                .as("the offset stored with the last flush, not with the last batch read").isEqualTo(3000);
        assertThat(MemoryDestination.FLUSHES.get(namespace + ".table_1")).isEqualTo(5);
        assertEqualToSource(namespace, 5000, 17);
    }

    @Test
    void rowsRefusedInAFlushThatNeverLandedAreDeadLetteredOnceWhenTheRunResumes() throws Exception {
        String source = create("/api/sources", "generator", Map.of("rows", 5000, "seed", 19));
        String destination = create("/api/destinations", MemoryDestination.TYPE,
                Map.of("rows_per_flush", 1000, "fail_after_rows", 1990, "reject_id_multiple", 700));
        String namespace = "perflush_dead_" + shortId();
        String pipeline = pipeline(source, destination, namespace, "incremental", Map.of("batch_size", 250,
                "retry", Map.of("attempts", 0))); // fails at once (no retries): the next run resumes

        // flushes of ids 1-1000 and 1001-2000 land (1998 rows, 700 and 1400 refused); the third meets the outage
        // after 2100 and 2800 were refused
        JsonNode failed = runToEnd(pipeline);
        assertThat(failed.path("status").asText()).isEqualTo("failed");
        assertThat(deadLetterIds(failed)).containsExactlyInAnyOrder(700L, 1400L);

        JsonNode current = server.json("/api/destinations/" + destination);
        assertThat(server.send("PUT", "/api/destinations/" + destination, ArusServer.JSON.writeValueAsString(Map.of(
                "name", current.path("name").asText(), "type", MemoryDestination.TYPE,
                "config", Map.of("rows_per_flush", 1000, "reject_id_multiple", 700))), server.adminToken()).statusCode())
                .isEqualTo(200);
        JsonNode resumed = runToEnd(pipeline);
        assertThat(resumed.path("status").asText()).isEqualTo("succeeded_with_warnings");
        assertThat(resumed.path("streams").get(0).path("rows_rejected").asLong()).isEqualTo(5);
        // 2100 and 2800 were read twice but are dead letters once
        assertThat(deadLetterIds(resumed)).containsExactlyInAnyOrder(2100L, 2800L, 3500L, 4200L, 4900L);
        assertEqualToSource(namespace, 5000, 19, id -> id % 700 == 0);
    }

    private List<Long> deadLetterIds(JsonNode run) throws Exception {
        List<Long> ids = new ArrayList<>();
        server.json("/api/dead-letters?run_id=" + run.path("id").asText())
                .forEach(letter -> ids.add(letter.path("values").path("id").asLong()));
        return ids;
    }

    @Test
    void aConnectorRemovedMidRunInterruptsTheRunWhichResumesWhenItIsBack() throws Exception {
        String type = "itest-memory-swap";
        BundleContext context = FrameworkUtil.getBundle(EngineTest.class).getBundleContext();
        MemoryDestination swap = new MemoryDestination(type);
        ServiceRegistration<Connector> registration = context.registerService(Connector.class, swap,
                new Hashtable<>(Map.of(Connector.TYPE_PROPERTY, type)));
        server.awaitJson("/api/connectors", Duration.ofSeconds(15), list -> PlatformTest.find(list, type) != null, type + " listed");
        String source = create("/api/sources", "generator", Map.of("rows", 20_000, "seed", 17));
        String destination = create("/api/destinations", type, Map.of("flush_delay_ms", 40));
        String namespace = "swap_" + shortId();
        String pipeline = pipeline(source, destination, namespace, "incremental", Map.of("batch_size", 500));

        String runId = start(pipeline);
        server.awaitJson("/api/runs/" + runId, Duration.ofSeconds(20),
                r -> r.path("streams").size() > 0 && r.path("streams").get(0).path("rows_written").asLong() > 0,
                "the run should have written something");
        registration.unregister();
        JsonNode interrupted = await(runId);
        assertThat(interrupted.path("status").asText()).isEqualTo("interrupted");
        assertThat(interrupted.path("error").asText()).contains("connector unavailable");
        assertThat(server.json("/api/destinations/" + destination).path("available").asBoolean()).isFalse();
        int landed = MemoryDestination.TABLES.get(namespace + ".table_1").size();
        assertThat(landed).isBetween(1, 19_999);

        registration = context.registerService(Connector.class, swap, new Hashtable<>(Map.of(Connector.TYPE_PROPERTY, type)));
        try {
            server.awaitJson("/api/connectors", Duration.ofSeconds(15), list -> PlatformTest.find(list, type) != null, type + " back");
            JsonNode resumed = runToEnd(pipeline);
            assertThat(resumed.path("status").asText()).isEqualTo("succeeded");
            assertThat(resumed.path("streams").get(0).path("rows_read").asLong()).isEqualTo(20_000 - landed);
            assertEqualToSource(namespace, 20_000, 17);
        } finally {
            registration.unregister();
        }
    }

    @Test
    void anInvalidPipelineIsA400NamingTheFields() throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "bad-" + shortId());
        body.put("source_id", "no-such-source");
        body.put("destination_id", "no-such-destination");
        body.put("streams", List.of(Map.of("name", "generator.table_1", "sync_mode", "sometimes")));
        body.put("batch_size", 0);
        HttpResponse<String> response = server.send("POST", "/api/pipelines", ArusServer.JSON.writeValueAsString(body),
                server.adminToken());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(ArusServer.JSON.readTree(response.body()).path("errors")).extracting(e -> e.path("field").asText())
                .containsExactlyInAnyOrder("source_id", "destination_id", "streams[0].sync_mode", "batch_size");
    }

    private void assertEqualToSource(String namespace, int rows, int seed) throws Exception {
        assertEqualToSource(namespace, rows, seed, id -> false);
    }

    /** Like the source, but for the rows whose id is {@code refused}. */
    private void assertEqualToSource(String namespace, int rows, int seed, java.util.function.LongPredicate refused)
            throws Exception {
        Connector generator = catalog.connector("generator").orElseThrow();
        Map<Long, Object[]> expected = new HashMap<>();
        try (ConnectorSession session = generator.open(Config.of(generator.descriptor().config(), Map.of("rows", rows, "seed", seed)));
             StreamReader reader = session.openReader(ReadRequest.builder(new StreamId("generator", "table_1")).build(),
                     Split.WHOLE, null)) {
            for (RecordBatch batch = reader.poll(); batch != null; batch = reader.poll()) {
                batch.rows().forEach(row -> expected.put((Long) row[0], row));
            }
        }
        MemoryTable table = MemoryDestination.TABLES.get(namespace + ".table_1");
        assertThat(table).as("destination table " + namespace + ".table_1").isNotNull();
        List<Object[]> actual = table.rows();
        expected.keySet().removeIf(refused::test);
        assertThat(actual).hasSize(expected.size());
        for (Object[] row : actual) {
            assertThat(Arrays.deepEquals(row, expected.get((Long) row[0]))).as("row " + row[0]).isTrue();
        }
    }

    private String create(String path, String type, Map<String, Object> config) throws Exception {
        Map<String, Object> body = Map.of("name", type + "-" + shortId(), "type", type, "config", config);
        HttpResponse<String> response = server.send("POST", path, ArusServer.JSON.writeValueAsString(body), server.adminToken());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return ArusServer.JSON.readTree(response.body()).path("id").asText();
    }

    private void update(String source, String type, Map<String, Object> config) throws Exception {
        JsonNode current = server.json("/api/sources/" + source);
        Map<String, Object> body = Map.of("name", current.path("name").asText(), "type", type, "config", config);
        assertThat(server.send("PUT", "/api/sources/" + source, ArusServer.JSON.writeValueAsString(body), server.adminToken())
                .statusCode()).isEqualTo(200);
    }

    private String pipeline(String source, String destination, String namespace, String syncMode, Map<String, Object> extra)
            throws Exception {
        Map<String, Object> body = new LinkedHashMap<>(extra);
        body.put("name", "p-" + shortId());
        body.put("source_id", source);
        body.put("destination_id", destination);
        body.put("target_namespace", namespace);
        body.put("streams", List.of(Map.of("name", "generator.table_1", "sync_mode", syncMode)));
        HttpResponse<String> response = server.send("POST", "/api/pipelines", ArusServer.JSON.writeValueAsString(body),
                server.adminToken());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return ArusServer.JSON.readTree(response.body()).path("id").asText();
    }

    private String start(String pipeline) throws Exception {
        HttpResponse<String> response = server.send("POST", "/api/pipelines/" + pipeline + "/runs", null, server.adminToken());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return ArusServer.JSON.readTree(response.body()).path("run_id").asText();
    }

    private JsonNode runToEnd(String pipeline) throws Exception {
        return await(start(pipeline));
    }

    private JsonNode await(String runId) throws Exception {
        server.awaitJson("/api/runs/" + runId, Duration.ofSeconds(60),
                run -> List.of("succeeded", "succeeded_with_warnings", "failed", "cancelled", "interrupted").contains(run.path("status").asText()),
                "run " + runId + " should end");
        return server.json("/api/runs/" + runId);
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
