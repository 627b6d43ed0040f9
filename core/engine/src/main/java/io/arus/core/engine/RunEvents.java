package io.arus.core.engine;

/**
 * The OSGi EventAdmin topics and properties of runs and pipelines, for components that follow them (the
 * scheduler's dependency triggers, the live-event stream, notifications). Events are posted asynchronously;
 * the metadata store stays the source of truth.
 */
public final class RunEvents {
    /**
     * A run changed state: queued, running, paused, succeeded, succeeded_with_warnings, failed, cancelled or
     * interrupted.
     */
    public static final String RUN_STATE = "arus/run/STATE";
    /** A stream of a running run made progress (at most a few events a second per run). */
    public static final String RUN_PROGRESS = "arus/run/PROGRESS";
    /** A quality check of a stream failed or warned. */
    public static final String QUALITY_CHECK = "arus/run/QUALITY_CHECK";
    /** A stream's destination table changed shape (a column was added). */
    public static final String SCHEMA_CHANGED = "arus/run/SCHEMA_CHANGED";
    /**
     * A change-capture stream fell further behind its source than the pipeline's {@code cdc.lag_alert_seconds}
     * ({@link #LAG_SECONDS}, {@link #LAG_BYTES}, and {@link #ERROR} saying it in words); posted once per crossing,
     * again only after the stream came back under the threshold.
     */
    public static final String CDC_LAG = "arus/run/CDC_LAG";
    /**
     * A stream could not reach its source or destination and starts again from its last stored offset after a
     * wait: {@link #ATTEMPT} of {@link #ATTEMPTS}, {@link #DELAY_SECONDS}, and {@link #ERROR} the failure (since 2.4).
     */
    public static final String RETRY = "arus/run/RETRY";
    /** Property of {@link #RETRY}: which retry this is, from 1 (int). */
    public static final String ATTEMPT = "attempt";
    /** Property of {@link #RETRY}: the retries in a row the pipeline allows (int). */
    public static final String ATTEMPTS = "attempts";
    /** Property of {@link #RETRY}: the wait before this retry (long). */
    public static final String DELAY_SECONDS = "delay_seconds";
    /**
     * Prefix of the topics under which a cluster node re-posts the run events ({@code arus/run/*}) of the other
     * nodes, e.g. {@code arus/remote/run/PROGRESS}: for the live views (SSE) only, so that notifications, schedules
     * and dependencies, which act on their own node's events, never act twice.
     *
     * @since 2.6
     */
    public static final String REMOTE_PREFIX = "arus/remote/";
    /** Property of a remote event: the node whose run it is (String). @since 2.6 */
    public static final String NODE = "node";
    /** A pipeline was created, updated, deleted, enabled or disabled ({@link #CHANGE}). */
    public static final String PIPELINE_CHANGED = "arus/pipeline/CHANGED";

    /** Property: the run's id (String). */
    public static final String RUN_ID = "run_id";
    /** Property: the pipeline's id (String). */
    public static final String PIPELINE_ID = "pipeline_id";
    /** Property: the pipeline's name (String). */
    public static final String PIPELINE_NAME = "pipeline_name";
    /** Property: a run's status id ({@code running}, {@code succeeded}...) (String). */
    public static final String STATUS = "status";
    /** Property: the status the run had before, on {@link #RUN_STATE}, or null (String). */
    public static final String PREVIOUS_STATUS = "previous_status";
    /** Property: what started the run: manual, api, schedule, dependency or shell (String). */
    public static final String TRIGGER = "trigger";
    /** Property: why a run failed or stopped, or a check's detail (String, may be absent). */
    public static final String ERROR = "error";
    /** Property: the stream, {@code namespace.table} (String). */
    public static final String STREAM = "stream";
    /** Property: rows read so far by the stream, or by the whole run on an end state (Long). */
    public static final String ROWS_READ = "rows_read";
    /** Property: rows written so far (Long). */
    public static final String ROWS_WRITTEN = "rows_written";
    /** Property: rows refused so far (Long). */
    public static final String ROWS_REJECTED = "rows_rejected";
    /** Property: rows deleted at the destination so far (soft deletes propagated) (Long). */
    public static final String ROWS_DELETED = "rows_deleted";
    /** Property: rows per second since the stream started (Long). */
    public static final String ROWS_PER_SECOND = "rows_per_second";
    /**
     * Property: a change-capture stream's bytes of source log after what it read, absent for other streams and
     * while unknown (Long).
     */
    public static final String LAG_BYTES = "lag_bytes";
    /**
     * Property: a change-capture stream's seconds from the commit of the last change it read to when it read it (0
     * when caught up), absent for other streams and while unknown, e.g. during its snapshot (Double, to the ms).
     */
    public static final String LAG_SECONDS = "lag_seconds";
    /** Property: the rows a change-capture stream read per second over the last ten seconds or so (Double). */
    public static final String EVENTS_PER_SECOND = "events_per_second";
    /** Property: percent done where the source estimated its rows, else absent (Double). */
    public static final String PERCENT = "percent";
    /** Property: on {@link #PIPELINE_CHANGED}: created, updated, deleted, enabled or disabled (String). */
    public static final String CHANGE = "change";
    /** Property: epoch milliseconds of the event (Long). */
    public static final String AT = "at";
    /**
     * Property: the W3C {@code traceparent} of the span the event was posted in (the run's, or a stream's), on the
     * events of a traced run only (String); notifications carry it on to their HTTP calls.
     *
     * @since 2.5
     */
    public static final String TRACEPARENT = "traceparent";

    private RunEvents() {
    }
}
