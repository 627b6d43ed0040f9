package io.arus.itest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.arus.core.store.PendingRunStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;

/**
 * A run queued behind a running one ({@code overlap_policy: queue}) is kept in the metadata database: when the
 * scheduler starts again (here: its bundle is restarted, as a server restart would), the waiting run starts.
 */
class PendingRunRestartTest {
    @Test
    void aRunQueuedBeforeTheSchedulerStoppedStartsWhenItIsBack() throws Exception {
        ArusServer server = ArusServer.await();
        BundleContext context = FrameworkUtil.getBundle(PendingRunRestartTest.class).getBundleContext();
        PendingRunStore pending = context.getService(context.getServiceReference(PendingRunStore.class));
        String schema = "pending_" + UUID.randomUUID().toString().substring(0, 8);
        Sql.postgres("arus_test", "CREATE SCHEMA " + schema + "; CREATE TABLE " + schema + ".items (id BIGINT PRIMARY KEY,"
                + " name TEXT NOT NULL); INSERT INTO " + schema + ".items SELECT g, 'item ' || g FROM generate_series(1, 100) g");
        Bundle scheduler = null;
        for (Bundle bundle : context.getBundles()) {
            if ("io.arus.core.scheduler".equals(bundle.getSymbolicName())) {
                scheduler = bundle;
            }
        }
        assertThat(scheduler).as("the scheduler bundle").isNotNull();
        try {
            Map<String, Object> pg = Map.of("host", "127.0.0.1", "port", 5432, "database", "arus_test", "username", "arus",
                    "password", "arus");
            String source = server.create("/api/sources", Map.of("name", "pending " + schema, "type", "postgresql", "config", pg));
            String destination = server.create("/api/destinations", Map.of("name", "pending " + schema, "type",
                    "postgresql", "config", pg));
            String pipeline = server.create("/api/pipelines", Map.of("name", "pending " + schema, "source_id", source,
                    "destination_id", destination, "target_namespace", schema + "_dst", "overlap_policy", "queue",
                    "streams", List.of(Map.of("name", schema + ".items", "sync_mode", "full_refresh"))));
            // queued while a run went on, then the server stopped (interrupting that run)
            pending.queue(pipeline, "schedule", Instant.now());

            scheduler.stop();
            scheduler.start();

            JsonNode runs = server.awaitMatch("/api/pipelines/" + pipeline + "/runs", Duration.ofSeconds(30),
                    list -> list.size() > 0 && list.path(0).path("status").asText().startsWith("succeeded"),
                    "the queued run started and succeeded");
            assertThat(runs.path(0).path("trigger").asText()).isEqualTo("schedule");
            assertThat(pending.all()).noneMatch(waiting -> waiting.pipelineId().equals(pipeline));
        } finally {
            if (scheduler.getState() != Bundle.ACTIVE) {
                scheduler.start();
            }
            Sql.postgres("arus_test", "DROP SCHEMA IF EXISTS " + schema + " CASCADE; DROP SCHEMA IF EXISTS " + schema
                    + "_dst CASCADE");
        }
    }
}
