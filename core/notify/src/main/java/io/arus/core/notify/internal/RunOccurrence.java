package io.arus.core.notify.internal;

import io.arus.api.notify.Notification;
import io.arus.api.notify.Notification.Event;
import io.arus.core.engine.RunEvents;
import io.arus.core.store.RunStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An engine event as notifications see it: which notification events it may raise and the facts to tell.
 *
 * @param candidates   the notification events it raises, most specific first: a target hears the first of them
 *                     it is subscribed to, so a recovery is never also announced as a plain success
 * @param mayRecover   a run succeeded: it is a recovery when the pipeline's previous ended run failed
 * @param runId        the run
 * @param pipelineId   the pipeline
 * @param pipelineName the pipeline's name, or null when the event does not carry it
 * @param status       the run's status, or null when the event does not carry it
 * @param counts       rows read, written and rejected by the run, when it ended
 * @param error        why the run failed, what the check or the schema change found, or how far behind a stream is
 * @param at           when it happened
 */
record RunOccurrence(List<Event> candidates, boolean mayRecover, String runId, String pipelineId, String pipelineName,
                     String status, Map<String, Long> counts, String error, Instant at) {
    private static final List<String> COUNTS = List.of(RunEvents.ROWS_READ, RunEvents.ROWS_WRITTEN,
            RunEvents.ROWS_DELETED, RunEvents.ROWS_REJECTED);

    RunOccurrence {
        candidates = List.copyOf(candidates);
        counts = Map.copyOf(counts);
    }

    /**
     * @param topic      the EventAdmin topic
     * @param properties the event's properties ({@link RunEvents})
     * @param received   when it arrived, for an event without {@link RunEvents#AT}
     * @return what it means for notifications, or empty when it means nothing (a run started, was paused...)
     */
    static Optional<RunOccurrence> of(String topic, Map<String, ?> properties, Instant received) {
        if (!(properties.get(RunEvents.RUN_ID) instanceof String runId)
                || !(properties.get(RunEvents.PIPELINE_ID) instanceof String pipelineId)) {
            return Optional.empty();
        }
        String name = text(properties.get(RunEvents.PIPELINE_NAME));
        String error = text(properties.get(RunEvents.ERROR));
        Instant at = properties.get(RunEvents.AT) instanceof Number millis ? Instant.ofEpochMilli(millis.longValue())
                : received;
        if (RunEvents.RUN_STATE.equals(topic)) {
            String status = text(properties.get(RunEvents.STATUS));
            Map<String, Long> counts = counts(properties);
            if (RunStatus.FAILED.id().equals(status)) {
                return Optional.of(new RunOccurrence(List.of(Event.RUN_FAILED), false, runId, pipelineId, name, status,
                        counts, error, at));
            }
            if (RunStatus.SUCCEEDED.id().equals(status)) {
                return Optional.of(new RunOccurrence(List.of(Event.RUN_SUCCEEDED), true, runId, pipelineId, name,
                        status, counts, error, at));
            }
            if (RunStatus.SUCCEEDED_WITH_WARNINGS.id().equals(status)) {
                // a target that hears only plain successes still hears that the data landed
                return Optional.of(new RunOccurrence(List.of(Event.RUN_SUCCEEDED_WITH_WARNINGS, Event.RUN_SUCCEEDED),
                        true, runId, pipelineId, name, status, counts, error, at));
            }
            return Optional.empty();
        }
        // a check, a schema change or a lag belongs to one stream: say which
        String stream = text(properties.get(RunEvents.STREAM));
        String detail = stream == null ? error : error == null ? stream : stream + ": " + error;
        if (RunEvents.QUALITY_CHECK.equals(topic)) {
            return Optional.of(new RunOccurrence(List.of(Event.QUALITY_CHECK_FAILED), false, runId, pipelineId, name,
                    null, Map.of(), detail, at));
        }
        if (RunEvents.SCHEMA_CHANGED.equals(topic)) {
            return Optional.of(new RunOccurrence(List.of(Event.SCHEMA_CHANGED), false, runId, pipelineId, name, null,
                    Map.of(), detail, at));
        }
        if (RunEvents.CDC_LAG.equals(topic)) {
            return Optional.of(new RunOccurrence(List.of(Event.CDC_LAG), false, runId, pipelineId, name, null,
                    Map.of(), detail, at));
        }
        return Optional.empty();
    }

    /** @return the same occurrence as a recovery: {@link Event#RECOVERED} before the plain success */
    RunOccurrence recovered() {
        List<Event> events = new ArrayList<>();
        events.add(Event.RECOVERED);
        events.addAll(candidates);
        return new RunOccurrence(events, false, runId, pipelineId, pipelineName, status, counts, error, at);
    }

    /**
     * @param event        the event a target hears
     * @param pipelineName the pipeline's name
     * @param status       the run's status
     * @param link         the run in the console, or null
     * @return the notification
     */
    Notification notification(Event event, String pipelineName, String status, String link) {
        Map<String, Long> ordered = new LinkedHashMap<>();
        for (String key : COUNTS) {
            if (counts.containsKey(key)) {
                ordered.put(key, counts.get(key));
            }
        }
        return new Notification(event, pipelineId, pipelineName, runId, status, ordered, error, link, at);
    }

    private static Map<String, Long> counts(Map<String, ?> properties) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String key : COUNTS) {
            if (properties.get(key) instanceof Number number) {
                counts.put(key, number.longValue());
            }
        }
        return counts;
    }

    private static String text(Object value) {
        return value instanceof String text && !text.isBlank() ? text : null;
    }
}
