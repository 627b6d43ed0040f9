package io.arus.api.notify;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * An event about a pipeline run, as a notifier receives it.
 *
 * @param event        what happened
 * @param pipelineId   the pipeline's id
 * @param pipelineName the pipeline's name
 * @param runId        the run's id, or null for events outside a run
 * @param status       the run's status, e.g. {@code "failed"}
 * @param counts       counters such as {@code rows_read}, {@code rows_written}, {@code rows_rejected}
 * @param error        the error message, or null
 * @param link         a link to the run in the console, or null when the server's public URL is unknown
 * @param occurredAt   when it happened
 */
public record Notification(Event event, String pipelineId, String pipelineName, String runId, String status,
                           Map<String, Long> counts, String error, String link, Instant occurredAt) {
    /** The events a pipeline can subscribe a target to. */
    public enum Event {
        /** A run failed. */ RUN_FAILED,
        /** A run succeeded. */ RUN_SUCCEEDED,
        /** A quality check failed. */ QUALITY_CHECK_FAILED,
        /** A source schema changed. */ SCHEMA_CHANGED,
        /** A run succeeded after the previous one failed. */ RECOVERED,
        /**
         * A run finished with its data landed, but rejected rows (dead letters) or a quality check warned.
         *
         * @since 1.1
         */
        RUN_SUCCEEDED_WITH_WARNINGS,
        /**
         * A change-capture stream fell further behind its source than the pipeline's {@code cdc.lag_alert_seconds};
         * heard once per crossing (again only after the stream caught up below the threshold). The error says the
         * stream and how far behind it is.
         *
         * @since 1.2
         */
        CDC_LAG;

        /** @return the lower-case name used in JSON, e.g. {@code "run_failed"} */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Checks the required parts and copies the counters. */
    public Notification {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(pipelineId, "pipelineId");
        Objects.requireNonNull(pipelineName, "pipelineName");
        Objects.requireNonNull(occurredAt, "occurredAt");
        counts = counts == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(counts));
    }
}
