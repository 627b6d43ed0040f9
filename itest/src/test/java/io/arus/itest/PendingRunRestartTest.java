package io.arus.itest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.arus.core.store.NotificationDeliveryStore;
import io.arus.core.store.NotificationDeliveryStore.Delivery;
import io.arus.core.store.PendingRunStore;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;

/**
 * What waits is kept in the metadata database: a run queued behind a running one ({@code overlap_policy: queue})
 * and a notification whose retry is due later. When the scheduler and the notifications start again (here: their
 * bundles are restarted, which drops everything they held in memory, as a server restart would), the waiting run
 * starts and the notification is sent, at the attempt that was due.
 */
class PendingRunRestartTest {
    @Test
    void aQueuedRunAndANotificationRetryWaitingWhenTheServerStoppedBothHappenWhenItIsBack() throws Exception {
        ArusServer server = ArusServer.await();
        BundleContext context = FrameworkUtil.getBundle(PendingRunRestartTest.class).getBundleContext();
        PendingRunStore pending = context.getService(context.getServiceReference(PendingRunStore.class));
        String schema = "pending_" + UUID.randomUUID().toString().substring(0, 8);
        Sql.postgres("arus_test", "CREATE SCHEMA " + schema + "; CREATE TABLE " + schema + ".items (id BIGINT PRIMARY KEY,"
                + " name TEXT NOT NULL); INSERT INTO " + schema + ".items SELECT g, 'item ' || g FROM generate_series(1, 100) g");
        NotificationDeliveryStore deliveries = context.getService(
                context.getServiceReference(NotificationDeliveryStore.class));
        Bundle scheduler = bundle(context, "io.arus.core.scheduler");
        Bundle notify = bundle(context, "io.arus.core.notify");
        // the receiver asks to be left alone for 20 s the first time, then takes everything
        List<String> received = new CopyOnWriteArrayList<>();
        AtomicInteger requests = new AtomicInteger();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (requests.incrementAndGet() == 1) {
                exchange.getResponseHeaders().add("Retry-After", "20");
                exchange.sendResponseHeaders(429, -1);
            } else {
                received.add(body);
                exchange.sendResponseHeaders(204, -1);
            }
            exchange.close();
        });
        receiver.start();
        try {
            Map<String, Object> pg = Map.of("host", "127.0.0.1", "port", 5432, "database", "arus_test", "username", "arus",
                    "password", "arus");
            String source = server.create("/api/sources", Map.of("name", "pending " + schema, "type", "postgresql", "config", pg));
            String destination = server.create("/api/destinations", Map.of("name", "pending " + schema, "type",
                    "postgresql", "config", pg));
            String target = server.create("/api/notification-targets", Map.of("name", "pending " + schema, "type",
                    "webhook", "config", Map.of("url", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook")));
            String pipeline = server.create("/api/pipelines", Map.of("name", "pending " + schema, "source_id", source,
                    "destination_id", destination, "target_namespace", schema + "_dst", "overlap_policy", "queue",
                    "streams", List.of(Map.of("name", schema + ".items", "sync_mode", "full_refresh")),
                    "notifications", List.of(Map.of("target_id", target, "events", List.of("run_succeeded")))));
            String first = server.runToEnd(pipeline).path("id").asText();
            Instant deadline = Instant.now().plusSeconds(15);
            // stored before its first attempt (attempt 1), moved on to attempt 2 by the 429
            while (deliveriesOf(deliveries, server, first).stream().noneMatch(d -> d.attempt() == 2)
                    && Instant.now().isBefore(deadline)) {
                Thread.sleep(100);
            }
            assertThat(deliveriesOf(deliveries, server, first)).as("the first attempt's 429 leaves attempt 2 stored")
                    .singleElement().satisfies(d -> assertThat(d.attempt()).isEqualTo(2));
            // queued while a run went on, then the server stopped (interrupting that run)
            pending.queue(pipeline, "schedule", Instant.now());

            notify.stop();
            scheduler.stop();
            assertThat(received).as("nothing sent while stopped").isEmpty();
            notify.start();
            scheduler.start();

            JsonNode runs = server.awaitMatch("/api/pipelines/" + pipeline + "/runs", Duration.ofSeconds(30),
                    list -> list.size() > 1 && list.path(0).path("status").asText().startsWith("succeeded"),
                    "the queued run started and succeeded");
            assertThat(runs.path(0).path("trigger").asText()).isEqualTo("schedule");
            assertThat(pending.all()).noneMatch(waiting -> waiting.pipelineId().equals(pipeline));
            String second = runs.path(0).path("id").asText();
            deadline = Instant.now().plusSeconds(40);
            while (!(contains(received, first) && contains(received, second)) && Instant.now().isBefore(deadline)) {
                Thread.sleep(200);
            }
            assertThat(received).as("the retried notification of the first run, and the queued run's")
                    .anyMatch(body -> body.contains(first)).anyMatch(body -> body.contains(second)).hasSize(2);
            assertThat(server.json("/api/runs/" + first + "/logs").toString())
                    .contains("delivered on attempt 2");
            assertThat(deliveriesOf(deliveries, server, first)).isEmpty();
        } finally {
            receiver.stop(0);
            for (Bundle bundle : List.of(notify, scheduler)) {
                if (bundle.getState() != Bundle.ACTIVE) {
                    bundle.start();
                }
            }
            Sql.postgres("arus_test", "DROP SCHEMA IF EXISTS " + schema + " CASCADE; DROP SCHEMA IF EXISTS " + schema
                    + "_dst CASCADE");
        }
    }

    private static boolean contains(List<String> bodies, String runId) {
        return bodies.stream().anyMatch(body -> body.contains(runId));
    }

    private static List<Delivery> deliveriesOf(NotificationDeliveryStore deliveries, ArusServer server, String runId)
            throws Exception {
        String node = server.json("/api/cluster").path("node").asText();
        return deliveries.ofNode(node).stream().filter(d -> runId.equals(d.notification().runId())).toList();
    }

    private static Bundle bundle(BundleContext context, String name) {
        for (Bundle bundle : context.getBundles()) {
            if (name.equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        throw new AssertionError("no bundle " + name);
    }
}
