package io.arus.core.notify.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.arus.api.notify.Notification;
import io.arus.api.notify.Notification.Event;
import io.arus.core.engine.RunEvents;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunOccurrenceTest {
    private static final Instant RECEIVED = Instant.parse("2025-03-14T09:26:53Z");
    private static final long AT = Instant.parse("2025-03-14T09:26:50.123Z").toEpochMilli();

    @Test
    void aFailedRunIsRunFailedWithItsErrorCountsAndTime() {
        RunOccurrence failed = RunOccurrence.of(RunEvents.RUN_STATE, state("failed", Map.of(
                RunEvents.ERROR, "relation \"public.orders\" does not exist", RunEvents.ROWS_READ, 1200L,
                RunEvents.ROWS_WRITTEN, 1190L, RunEvents.ROWS_REJECTED, 10L, RunEvents.AT, AT)), RECEIVED).orElseThrow();

        assertThat(failed.candidates()).containsExactly(Event.RUN_FAILED);
        assertThat(failed.mayRecover()).isFalse();
        Notification notification = failed.notification(Event.RUN_FAILED, "orders", "failed", "http://x/#/runs/r-7");
        assertThat(notification).extracting(Notification::pipelineId, Notification::pipelineName, Notification::runId,
                Notification::status, Notification::error, Notification::link, Notification::occurredAt)
                .containsExactly("p-42", "orders", "r-7", "failed", "relation \"public.orders\" does not exist",
                        "http://x/#/runs/r-7", Instant.ofEpochMilli(AT));
        assertThat(notification.counts()).containsExactly(Map.entry("rows_read", 1200L),
                Map.entry("rows_written", 1190L), Map.entry("rows_rejected", 10L));
    }

    @Test
    void aSucceededRunIsRunSucceededThatMayBeARecovery() {
        RunOccurrence succeeded = RunOccurrence.of(RunEvents.RUN_STATE, state("succeeded", Map.of()), RECEIVED)
                .orElseThrow();

        assertThat(succeeded.candidates()).containsExactly(Event.RUN_SUCCEEDED);
        assertThat(succeeded.mayRecover()).isTrue();
        assertThat(succeeded.at()).as("without a time of its own, when it arrived").isEqualTo(RECEIVED);
        assertThat(succeeded.pipelineName()).isEqualTo("orders");
        RunOccurrence recovered = succeeded.recovered();
        assertThat(recovered.candidates()).containsExactly(Event.RECOVERED, Event.RUN_SUCCEEDED);
        assertThat(recovered.mayRecover()).isFalse();
        assertThat(recovered.runId()).isEqualTo("r-7");
    }

    @Test
    void aRunThatSucceededWithWarningsIsHeardBeforeAPlainSuccessAndMayBeARecovery() {
        RunOccurrence warned = RunOccurrence.of(RunEvents.RUN_STATE, state("succeeded_with_warnings", Map.of(
                RunEvents.ROWS_READ, 100L, RunEvents.ROWS_WRITTEN, 98L, RunEvents.ROWS_DELETED, 1L,
                RunEvents.ROWS_REJECTED, 2L)), RECEIVED).orElseThrow();

        assertThat(warned.candidates()).containsExactly(Event.RUN_SUCCEEDED_WITH_WARNINGS, Event.RUN_SUCCEEDED);
        assertThat(warned.mayRecover()).isTrue();
        assertThat(warned.recovered().candidates()).containsExactly(Event.RECOVERED,
                Event.RUN_SUCCEEDED_WITH_WARNINGS, Event.RUN_SUCCEEDED);
        assertThat(warned.notification(Event.RUN_SUCCEEDED_WITH_WARNINGS, "orders", "succeeded_with_warnings", null)
                .counts()).containsExactly(Map.entry("rows_read", 100L), Map.entry("rows_written", 98L),
                Map.entry("rows_deleted", 1L), Map.entry("rows_rejected", 2L));
        assertThat(Event.RUN_SUCCEEDED_WITH_WARNINGS.id()).isEqualTo("run_succeeded_with_warnings");
    }

    @Test
    void otherStatesMeanNothing() {
        for (String status : List.of("queued", "running", "paused", "cancelled", "interrupted")) {
            assertThat(RunOccurrence.of(RunEvents.RUN_STATE, state(status, Map.of()), RECEIVED)).as(status).isEmpty();
        }
    }

    @Test
    void aFailedQualityCheckAndASchemaChangeNameTheirStream() {
        Map<String, Object> check = new HashMap<>(Map.of(RunEvents.RUN_ID, "r-7", RunEvents.PIPELINE_ID, "p-42",
                RunEvents.STREAM, "public.orders", RunEvents.ERROR, "quality check unique_key failed: 3 duplicates"));

        RunOccurrence quality = RunOccurrence.of(RunEvents.QUALITY_CHECK, check, RECEIVED).orElseThrow();
        RunOccurrence schema = RunOccurrence.of(RunEvents.SCHEMA_CHANGED, check, RECEIVED).orElseThrow();

        assertThat(quality.candidates()).containsExactly(Event.QUALITY_CHECK_FAILED);
        assertThat(quality.error()).isEqualTo("public.orders: quality check unique_key failed: 3 duplicates");
        assertThat(quality.pipelineName()).as("looked up later").isNull();
        assertThat(quality.status()).isNull();
        assertThat(quality.counts()).isEmpty();
        assertThat(schema.candidates()).containsExactly(Event.SCHEMA_CHANGED);
        assertThat(schema.mayRecover()).isFalse();
    }

    @Test
    void aChangeStreamBehindItsSourceIsCdcLagNamingTheStream() {
        Map<String, Object> lag = new HashMap<>(Map.of(RunEvents.RUN_ID, "r-7", RunEvents.PIPELINE_ID, "p-42",
                RunEvents.STREAM, "public.orders", RunEvents.LAG_SECONDS, 61.0, RunEvents.AT, AT,
                RunEvents.ERROR, "61 s behind the source, over the alert threshold of 60 s (cdc.lag_alert_seconds)"));

        RunOccurrence occurrence = RunOccurrence.of(RunEvents.CDC_LAG, lag, RECEIVED).orElseThrow();

        assertThat(occurrence.candidates()).containsExactly(Event.CDC_LAG);
        assertThat(occurrence.mayRecover()).isFalse();
        assertThat(occurrence.status()).as("looked up later").isNull();
        assertThat(occurrence.at()).isEqualTo(Instant.ofEpochMilli(AT));
        assertThat(occurrence.error())
                .isEqualTo("public.orders: 61 s behind the source, over the alert threshold of 60 s (cdc.lag_alert_seconds)");
        assertThat(occurrence.notification(Event.CDC_LAG, "orders", "running", null).counts()).isEmpty();
    }

    @Test
    void eventsWithoutRunOrPipelineAndOtherTopicsMeanNothing() {
        assertThat(RunOccurrence.of(RunEvents.RUN_STATE, Map.of(RunEvents.STATUS, "failed", RunEvents.PIPELINE_ID, "p"),
                RECEIVED)).isEmpty();
        assertThat(RunOccurrence.of(RunEvents.RUN_PROGRESS, state("running", Map.of()), RECEIVED)).isEmpty();
        assertThat(RunOccurrence.of(RunEvents.PIPELINE_CHANGED, state("succeeded", Map.of()), RECEIVED)).isEmpty();
    }

    private static Map<String, Object> state(String status, Map<String, Object> more) {
        Map<String, Object> properties = new HashMap<>(more);
        properties.put(RunEvents.RUN_ID, "r-7");
        properties.put(RunEvents.PIPELINE_ID, "p-42");
        properties.put(RunEvents.PIPELINE_NAME, "orders");
        properties.put(RunEvents.STATUS, status);
        properties.put(RunEvents.TRIGGER, "api");
        return properties;
    }
}
