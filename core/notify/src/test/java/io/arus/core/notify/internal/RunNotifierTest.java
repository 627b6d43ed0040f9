package io.arus.core.notify.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.arus.api.notify.Notification;
import io.arus.api.notify.Notification.Event;
import io.arus.api.notify.NotificationException;
import io.arus.core.engine.RunEvents;
import io.arus.core.notify.TargetSecrets;
import io.arus.core.store.NotificationDeliveryStore.Delivery;
import io.arus.core.store.NotificationSubscription;
import io.arus.core.store.RunStatus;
import io.arus.core.store.fixture.MemoryRuns;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RunNotifierTest {
    private static final Instant NOW = Instant.parse("2025-03-14T09:26:53Z");

    private final MemoryTargets targets = new MemoryTargets();
    private final MemoryPipelines pipelines = new MemoryPipelines();
    private final MemoryRuns runs = new MemoryRuns();
    private final FakeCatalog catalog = new FakeCatalog();
    private final RecordingNotifier webhook = new RecordingNotifier();
    private final FakeScheduler scheduler = new FakeScheduler();
    private final RecordingRunLog runLog = new RecordingRunLog();
    private final MemoryDeliveries deliveries = new MemoryDeliveries();
    private final TargetSecrets secrets = new TargetSecrets(new FakeSecretBox());
    private RunNotifier notifier;

    @BeforeEach
    void wire() {
        catalog.notifiers.put("webhook", webhook);
        targets.add("t-ops", "ops", "webhook", secrets.encrypt(TargetSecretsTest.WEBHOOK,
                Map.of("url", "https://hooks.example.com/in", "secret", "s3cr3t-signing-key")));
        targets.add("t-all", "all", "webhook", Map.of("url", "https://all.example.com/in"));
        pipelines.add("p-42", "orders");
        notifier = notifier(scheduler, "node-a");
    }

    private RunNotifier notifier(Scheduler on, String node) {
        return new RunNotifier(targets, pipelines, runs, new TargetSender(catalog, secrets),
                runId -> "http://localhost:8080/#/runs/" + runId, RetryPolicy.STANDARD, on,
                new DeliveryJournal(runLog, Clock.systemUTC()),
                new DeliveryLedger(deliveries, deliveries, node, Clock.systemUTC()));
    }

    @AfterEach
    void logsThroughItsRunLogOnly() {
        assertThat(runs.logLines).as("lines written to the run store directly, not through the RunLog").isEmpty();
    }

    @Test
    void aFailedRunReachesTheTargetsSubscribedToFailuresWithTheFacts() {
        subscribe(new NotificationSubscription("t-ops", List.of("run_failed")),
                new NotificationSubscription("t-all", List.of("run_succeeded")));
        runs.add("r-7", "p-42", RunStatus.FAILED);

        notifier.notify(state("r-7", "failed", Map.of(RunEvents.ERROR, "relation does not exist",
                RunEvents.ROWS_READ, 0L, RunEvents.ROWS_WRITTEN, 0L, RunEvents.ROWS_REJECTED, 0L)));

        assertThat(webhook.sent).singleElement().satisfies(sent -> {
            assertThat(sent.event()).isEqualTo(Event.RUN_FAILED);
            assertThat(sent.pipelineName()).isEqualTo("orders");
            assertThat(sent.runId()).isEqualTo("r-7");
            assertThat(sent.status()).isEqualTo("failed");
            assertThat(sent.error()).isEqualTo("relation does not exist");
            assertThat(sent.link()).isEqualTo("http://localhost:8080/#/runs/r-7");
            assertThat(sent.counts()).containsEntry("rows_read", 0L);
        });
        assertThat(webhook.configs.get(0)).containsEntry("secret", "s3cr3t-signing-key");
        assertThat(runLog.lines).containsExactly("r-7 info notification run_failed to target 'ops' (webhook): delivered");
        assertThat(deliveries.rows).as("a delivered notification is not kept").isEmpty();
    }

    @Test
    void aRetryWaitingWhenTheServerStopsIsMadeAfterItStartsAtTheAttemptThatWasDue() {
        subscribe(new NotificationSubscription("t-ops", List.of("run_failed")));
        runs.add("r-7", "p-42", RunStatus.FAILED);
        webhook.failures.add(new NotificationException("Webhook at https://hooks.example.com answered HTTP 503",
                true, null));
        StoppingScheduler stopping = new StoppingScheduler();

        notifier(stopping, "node-a").notify(state("r-7", "failed", Map.of(RunEvents.ERROR, "boom")),
                "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");

        assertThat(stopping.dropped).containsExactly(Duration.ofSeconds(1));
        assertThat(webhook.sent).isEmpty();
        assertThat(deliveries.rows.values()).singleElement().satisfies(stored -> {
            assertThat(stored.attempt()).isEqualTo(2);
            assertThat(stored.targetId()).isEqualTo("t-ops");
            assertThat(stored.notification().error()).isEqualTo("boom");
        });

        // the server starts again: what it finds is sent, at attempt 2, in the run's trace
        RunNotifier restarted = notifier(scheduler, "node-a");
        new DeliveryLedger(deliveries, deliveries, "node-a", Clock.systemUTC()).own().forEach(restarted::resume);

        assertThat(webhook.sent).singleElement().satisfies(sent -> {
            assertThat(sent.runId()).isEqualTo("r-7");
            assertThat(sent.error()).isEqualTo("boom");
        });
        assertThat(webhook.traces).containsExactly("4bf92f3577b34da6a3ce929d0e0e4736",
                "4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(runLog.lines).last().asString().endsWith("(webhook): delivered on attempt 2");
        assertThat(deliveries.rows).isEmpty();
    }

    @Test
    void theDeliveriesOfAStoppedNodeAreTakenOverOnceAndALiveNodesStayItsOwn() {
        subscribe(new NotificationSubscription("t-ops", List.of("run_failed")));
        runs.add("r-7", "p-42", RunStatus.FAILED);
        runs.add("r-8", "p-42", RunStatus.FAILED);
        Instant now = Instant.now();
        deliveries.beat("node-a", now.minusSeconds(600), now.minusSeconds(120));
        deliveries.beat("node-b", now.minusSeconds(600), now.minusSeconds(5));
        webhook.failures.add(new NotificationException("HTTP 503", true, null));
        webhook.failures.add(new NotificationException("HTTP 503", true, null));
        StoppingScheduler stopping = new StoppingScheduler();
        notifier(stopping, "node-a").notify(state("r-7", "failed", Map.of()));
        notifier(stopping, "node-b").notify(state("r-8", "failed", Map.of()));

        DeliveryLedger c = new DeliveryLedger(deliveries, deliveries, "node-c", Clock.systemUTC());
        List<Delivery> taken = c.orphans();

        assertThat(taken).singleElement().satisfies(d -> assertThat(d.notification().runId()).isEqualTo("r-7"));
        assertThat(c.orphans()).isEmpty();
        taken.forEach(notifier(scheduler, "node-c")::resume);
        assertThat(webhook.sent).extracting(Notification::runId).containsExactly("r-7");
        // node-b's retry, still pending, is node-b's: another node does not send it
        assertThat(deliveries.rows.values()).singleElement().satisfies(d -> assertThat(d.nodeId()).isEqualTo("node-b"));
        notifier(scheduler, "node-c").resume(deliveries.rows.values().iterator().next());
        assertThat(webhook.sent).hasSize(1);
    }

    @Test
    void eachDeliveryOfATracedRunRunsInItsTraceAndOfAnUntracedOneInNone() {
        subscribe(new NotificationSubscription("t-ops", List.of("run_failed")));
        runs.add("r-7", "p-42", RunStatus.FAILED);

        notifier.notify(state("r-7", "failed", Map.of()), "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        notifier.notify(state("r-7", "failed", Map.of()), null);
        notifier.notify(state("r-7", "failed", Map.of()), "not a traceparent");

        assertThat(webhook.traces).containsExactly("4bf92f3577b34da6a3ce929d0e0e4736", "", "");
    }

    @Test
    void aSuccessAfterAFailureIsARecoveryForTargetsThatWantOneAndASuccessForTheOthers() {
        subscribe(new NotificationSubscription("t-ops", List.of("recovered", "run_failed")),
                new NotificationSubscription("t-all", List.of("recovered", "run_succeeded")));
        runs.add("r-6", "p-42", RunStatus.FAILED);
        runs.add("r-7", "p-42", RunStatus.SUCCEEDED);

        notifier.notify(state("r-7", "succeeded", Map.of()));

        assertThat(webhook.sent).extracting(Notification::event).containsExactly(Event.RECOVERED, Event.RECOVERED);

        webhook.sent.clear();
        runs.add("r-8", "p-42", RunStatus.SUCCEEDED);
        notifier.notify(state("r-8", "succeeded", Map.of()));
        assertThat(webhook.sent).extracting(Notification::event).containsExactly(Event.RUN_SUCCEEDED);
    }

    @Test
    void aQualityCheckGetsThePipelineNameAndRunStatusFromTheStore() {
        subscribe(new NotificationSubscription("t-ops", List.of("quality_check_failed")));
        runs.add("r-7", "p-42", RunStatus.RUNNING);
        Map<String, Object> check = new HashMap<>(Map.of(RunEvents.RUN_ID, "r-7", RunEvents.PIPELINE_ID, "p-42",
                RunEvents.STREAM, "public.orders", RunEvents.ERROR, "3 duplicate keys"));

        notifier.notify(RunOccurrence.of(RunEvents.QUALITY_CHECK, check, NOW).orElseThrow());

        assertThat(webhook.sent).singleElement().satisfies(sent -> {
            assertThat(sent.event()).isEqualTo(Event.QUALITY_CHECK_FAILED);
            assertThat(sent.pipelineName()).isEqualTo("orders");
            assertThat(sent.status()).isEqualTo("running");
            assertThat(sent.error()).isEqualTo("public.orders: 3 duplicate keys");
        });
    }

    @Test
    void aChangeStreamBehindItsSourceReachesOnlyTheTargetsSubscribedToCdcLag() {
        subscribe(new NotificationSubscription("t-ops", List.of("cdc_lag", "run_failed")),
                new NotificationSubscription("t-all", List.of("run_failed", "quality_check_failed")));
        runs.add("r-7", "p-42", RunStatus.RUNNING);
        Map<String, Object> lag = new HashMap<>(Map.of(RunEvents.RUN_ID, "r-7", RunEvents.PIPELINE_ID, "p-42",
                RunEvents.STREAM, "public.orders", RunEvents.LAG_SECONDS, 412.5, RunEvents.LAG_BYTES, 3_435_973_837L,
                RunEvents.ERROR, "412 s behind the source (3.2 GB of log), over the alert threshold of 300 s"
                        + " (cdc.lag_alert_seconds)"));

        notifier.notify(RunOccurrence.of(RunEvents.CDC_LAG, lag, NOW).orElseThrow());

        assertThat(webhook.sent).singleElement().satisfies(sent -> {
            assertThat(sent.event()).isEqualTo(Event.CDC_LAG);
            assertThat(sent.pipelineName()).isEqualTo("orders");
            assertThat(sent.runId()).isEqualTo("r-7");
            assertThat(sent.status()).isEqualTo("running");
            assertThat(sent.error()).isEqualTo("public.orders: 412 s behind the source (3.2 GB of log), over the alert"
                    + " threshold of 300 s (cdc.lag_alert_seconds)");
            assertThat(sent.link()).isEqualTo("http://localhost:8080/#/runs/r-7");
        });
        assertThat(runLog.lines).containsExactly("r-7 info notification cdc_lag to target 'ops' (webhook): delivered");
    }

    @Test
    void aFailingTargetIsRetriedWithoutHoldingUpTheOthers() {
        subscribe(new NotificationSubscription("t-ops", List.of("run_failed")),
                new NotificationSubscription("t-all", List.of("run_failed")));
        webhook.failures.add(new NotificationException("Webhook at https://hooks.example.com answered HTTP 500",
                true, null));

        notifier.notify(state("r-7", "failed", Map.of()));

        assertThat(webhook.sent).hasSize(2);
        assertThat(scheduler.waits()).containsExactly(Duration.ofSeconds(1));
        assertThat(runLog.lines).hasSize(3).anyMatch(l -> l.contains("'ops'") && l.contains("attempt 1 of 4 failed"))
                .anyMatch(l -> l.contains("'ops'") && l.endsWith("delivered on attempt 2"));
    }

    @Test
    void nothingIsLookedUpOrSentForAPipelineWithoutSubscriptions() {
        notifier.notify(state("r-7", "failed", Map.of()));

        assertThat(webhook.sent).isEmpty();
        assertThat(runLog.lines).isEmpty();
    }

    @Test
    void aTargetDeletedBeforeItsTurnIsAPermanentFailure() {
        subscribe(new NotificationSubscription("t-ops", List.of("run_failed")));
        targets.targets.remove("t-ops");

        notifier.notify(state("r-7", "failed", Map.of()));

        assertThat(webhook.sent).isEmpty();
        assertThat(runLog.lines).singleElement().asString().contains("the target was deleted");
    }

    private void subscribe(NotificationSubscription... subscriptions) {
        targets.setSubscriptions("p-42", List.of(subscriptions));
    }

    private static RunOccurrence state(String runId, String status, Map<String, Object> more) {
        Map<String, Object> properties = new HashMap<>(more);
        properties.put(RunEvents.RUN_ID, runId);
        properties.put(RunEvents.PIPELINE_ID, "p-42");
        properties.put(RunEvents.PIPELINE_NAME, "orders");
        properties.put(RunEvents.STATUS, status);
        return RunOccurrence.of(RunEvents.RUN_STATE, properties, NOW).orElseThrow();
    }
}
