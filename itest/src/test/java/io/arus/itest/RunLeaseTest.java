package io.arus.itest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.arus.core.store.RunLeaseStore;
import io.arus.core.store.RunStatus;
import io.arus.core.store.RunStore;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;

/**
 * "One active run per pipeline" is a lease in the metadata database, not this server's memory: a live lease of
 * another node refuses a start (409 naming the node), a lapsed one is taken over, a run lets go of its lease when it
 * ends, and a run whose node stopped renewing its lease is marked interrupted while one whose node renews stays.
 */
class RunLeaseTest {
    private static <T> T service(Class<T> type) {
        BundleContext context = FrameworkUtil.getBundle(RunLeaseTest.class).getBundleContext();
        return context.getService(context.getServiceReference(type));
    }

    @Test
    void anotherNodesLiveLeaseRefusesAStartALapsedOneIsTakenOverAndARunLetsGoOfItsLease() throws Exception {
        ArusServer server = ArusServer.await();
        RunLeaseStore leases = service(RunLeaseStore.class);
        String schema = "lease_" + UUID.randomUUID().toString().substring(0, 8);
        Sql.postgres("arus_test", "CREATE SCHEMA " + schema + "; CREATE TABLE " + schema + ".items (id BIGINT PRIMARY KEY,"
                + " name TEXT NOT NULL); INSERT INTO " + schema + ".items SELECT g, 'item ' || g FROM generate_series(1, 300) g");
        try {
            String pipeline = pipeline(server, schema);
            assertThat(leases.claim(pipeline, "run-elsewhere", "other-node", Instant.now(), Duration.ofSeconds(60))).isEmpty();

            HttpResponse<String> refused = server.send("POST", "/api/pipelines/" + pipeline + "/runs", null,
                    server.adminToken());
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
            assertThat(refused.body()).contains("run-elsewhere").contains("other-node");

            leases.release("run-elsewhere");
            assertThat(leases.claim(pipeline, "run-gone", "gone-node", Instant.now().minusSeconds(5), Duration.ofSeconds(1)))
                    .isEmpty();
            JsonNode run = server.runToEnd(pipeline);
            assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("succeeded");
            assertThat(leases.all()).noneMatch(lease -> lease.pipelineId().equals(pipeline));
        } finally {
            Sql.postgres("arus_test", "DROP SCHEMA IF EXISTS " + schema + " CASCADE; DROP SCHEMA IF EXISTS " + schema
                    + "_dst CASCADE");
        }
    }

    @Test
    void aRunWhoseNodeStoppedRenewingIsInterruptedAndOneWhoseNodeRenewsIsNot() throws Exception {
        ArusServer server = ArusServer.await();
        RunLeaseStore leases = service(RunLeaseStore.class);
        RunStore runs = service(RunStore.class);
        String schema = "lease_" + UUID.randomUUID().toString().substring(0, 8);
        String dead = runs.create(pipeline(server, schema + "_a"), "other node").id();
        String live = runs.create(pipeline(server, schema + "_b"), "other node").id();
        runs.setStatus(dead, RunStatus.RUNNING, null, Instant.now());
        runs.setStatus(live, RunStatus.RUNNING, null, Instant.now());
        String deadPipeline = runs.byId(dead).orElseThrow().pipelineId();
        String livePipeline = runs.byId(live).orElseThrow().pipelineId();
        assertThat(leases.claim(deadPipeline, dead, "dead-node", Instant.now(), Duration.ofSeconds(1))).isEmpty();
        assertThat(leases.claim(livePipeline, live, "live-node", Instant.now(), Duration.ofMinutes(5))).isEmpty();
        try {
            JsonNode interrupted = server.awaitMatch("/api/runs/" + dead, Duration.ofSeconds(30),
                    r -> r.path("status").asText().equals("interrupted"), "the dead node's run interrupted");
            assertThat(interrupted.path("error").asText()).contains("dead-node").contains("stopped renewing its lease");
            assertThat(runs.byId(live).orElseThrow().status()).isEqualTo(RunStatus.RUNNING);
            assertThat(leases.all()).extracting(RunLeaseStore.Lease::runId).contains(live).doesNotContain(dead);
        } finally {
            leases.release(live);
            runs.setStatus(live, RunStatus.CANCELLED, "test over", Instant.now());
        }
    }

    private static String pipeline(ArusServer server, String schema) throws Exception {
        Map<String, Object> pg = Map.of("host", "127.0.0.1", "port", 5432, "database", "arus_test", "username", "arus",
                "password", "arus");
        String source = server.create("/api/sources", Map.of("name", "lease " + schema, "type", "postgresql", "config", pg));
        String destination = server.create("/api/destinations", Map.of("name", "lease " + schema, "type", "postgresql",
                "config", pg));
        return server.create("/api/pipelines", Map.of("name", "lease " + schema, "source_id", source,
                "destination_id", destination, "target_namespace", schema + "_dst",
                "streams", List.of(Map.of("name", schema + ".items", "sync_mode", "full_refresh"))));
    }
}
