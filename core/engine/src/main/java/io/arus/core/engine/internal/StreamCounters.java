package io.arus.core.engine.internal;

import io.arus.core.engine.RunEvents;
import io.arus.core.store.RunStatus;
import io.arus.core.store.RunStore;
import io.arus.core.store.RunStream;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.arus.core.model.CdcSpec;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The counters of one stream of a run, saved with the run after flushed batches (at most once a second, and at
 * the end), so that the API shows progress while the run goes on. A change-capture stream also has its lag (how far
 * behind its source it is) and the events it read per second lately; past the pipeline's lag threshold it posts
 * {@link RunEvents#CDC_LAG} once, and again only after it came back under.
 */
final class StreamCounters {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long SAVE_EVERY_MS = 1_000;
    private static final long PROGRESS_EVERY_MS = 500;
    /** Events per second are the rows read over about this long, up to now. */
    static final long EVENTS_WINDOW_MS = 10_000;
    /** Reads closer together than this share one sample of the window. */
    private static final long EVENTS_SAMPLE_MS = 250;

    private final RunStore runs;
    private final String runId;
    private final String stream;
    private final Clock clock;
    private final long startedAt;
    private long rowsRead;
    private long rowsWritten;
    private long rowsRejected;
    private long rowsDeleted;
    private long rowsFiltered;
    private long bytes;
    private long lastSave;
    private RunStatus status = RunStatus.RUNNING;
    private String error;
    private String checks;
    private boolean checkWarned;
    private final List<Map<String, String>> schemaChanges = new ArrayList<>();
    private final RunSeries series;
    private final EventSink events;
    private final String pipelineId;
    private long rowEstimate = -1;
    private long lastProgress;
    private final long lagAlertMs;
    /** Whether {@link #lag} was called: only change-capture streams have a lag and events per second. */
    private boolean changeStream;
    private long lagBytes = -1;
    private long lagMs = -1;
    private boolean lagAlerted;
    /** (epoch ms, rows read by then), oldest first: the first is the start of the events-per-second window. */
    private final ArrayDeque<long[]> readSamples = new ArrayDeque<>();

    StreamCounters(RunStore runs, String runId, String stream, Clock clock, EventSink events, String pipelineId,
                   RunSeries series) {
        this(runs, runId, stream, clock, events, pipelineId, series, CdcSpec.DEFAULT_LAG_ALERT_SECONDS);
    }

    /** @param lagAlertSeconds the lag past which a change-capture stream posts {@link RunEvents#CDC_LAG} */
    StreamCounters(RunStore runs, String runId, String stream, Clock clock, EventSink events, String pipelineId,
                   RunSeries series, int lagAlertSeconds) {
        this.lagAlertMs = lagAlertSeconds * 1000L;
        this.runs = runs;
        this.series = series;
        this.runId = runId;
        this.stream = stream;
        this.clock = clock;
        this.startedAt = clock.millis();
        this.events = events;
        this.pipelineId = pipelineId;
        readSamples.add(new long[] {startedAt, 0});
    }

    /** @param rows the source's estimate of the stream's rows, for a percentage; negative when unknown */
    synchronized void estimate(long rows) {
        this.rowEstimate = rows;
    }

    /** Counts a read batch; its size is estimated from its first row (cheap, and close for table rows). */
    synchronized void read(io.arus.api.record.RecordBatch batch) {
        rowsRead += batch.size();
        series.read(batch.size());
        if (!batch.isEmpty()) {
            bytes += RowSize.estimate(batch.rows().get(0)) * batch.size();
        }
        // a change feed returns often, with few rows: reads close together are counted by the next sample
        long now = clock.millis();
        if (now - readSamples.peekLast()[0] >= EVENTS_SAMPLE_MS) {
            readSamples.add(new long[] {now, rowsRead});
        }
    }

    /**
     * Keeps how far this change-capture stream is behind its source, after each batch it read; marks the stream as
     * one (only those have a lag and events per second). Crossing above the pipeline's threshold posts
     * {@link RunEvents#CDC_LAG} once; coming back under (or to it) arms it again. An unknown lag changes neither.
     *
     * @param bytesBehind  the bytes of source log after what the stream read, or -1 when unknown
     * @param millisBehind milliseconds from the commit of the last change read to now (0 when caught up), or -1 when
     *                     unknown (during the snapshot)
     */
    synchronized void lag(long bytesBehind, long millisBehind) {
        changeStream = true;
        lagBytes = bytesBehind < 0 ? -1 : bytesBehind;
        lagMs = millisBehind < 0 ? -1 : millisBehind;
        if (lagMs < 0) {
            return;
        }
        if (!lagAlerted && lagMs > lagAlertMs) {
            lagAlerted = true;
            Map<String, Object> event = new HashMap<>();
            event.put(RunEvents.RUN_ID, runId);
            event.put(RunEvents.PIPELINE_ID, pipelineId);
            event.put(RunEvents.STREAM, stream);
            event.put(RunEvents.LAG_SECONDS, lagMs / 1000.0);
            event.put(RunEvents.LAG_BYTES, lagBytes < 0 ? null : lagBytes);
            event.put(RunEvents.ERROR, lagMs / 1000 + " s behind the source"
                    + (lagBytes < 0 ? "" : " (" + size(lagBytes) + " of log)") + ", over the alert threshold of "
                    + lagAlertMs / 1000 + " s (cdc.lag_alert_seconds)");
            events.post(RunEvents.CDC_LAG, event);
        } else if (lagAlerted && lagMs <= lagAlertMs) {
            lagAlerted = false;
        }
    }

    /** @return e.g. {@code 512 bytes}, {@code 3.2 MB}, {@code 1.5 GB} */
    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        String[] units = {"KB", "MB", "GB", "TB"};
        double value = bytes / 1024.0;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(java.util.Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    /** @return the rows read per second over the last {@link #EVENTS_WINDOW_MS} or so, to a tenth */
    private double eventsPerSecond(long now) {
        // the newest sample at or before the window's start begins the window; older ones go
        while (readSamples.size() > 1) {
            long[] first = readSamples.pollFirst();
            if (readSamples.peekFirst()[0] > now - EVENTS_WINDOW_MS) {
                readSamples.addFirst(first);
                break;
            }
        }
        long[] start = readSamples.peekFirst();
        long elapsed = now - start[0];
        return elapsed <= 0 ? 0 : Math.round((rowsRead - start[1]) * 10_000.0 / elapsed) / 10.0;
    }

    synchronized void written(int rows) {
        rowsWritten += rows;
        series.written(rows);
    }

    synchronized void deleted(int rows) {
        rowsDeleted += rows;
    }

    /** Counts rows transform steps left out on purpose (a filter). */
    synchronized void filtered(long rows) {
        rowsFiltered += rows;
    }

    /** @return the rows transform steps left out so far in this run */
    synchronized long rowsFiltered() {
        return rowsFiltered;
    }

    synchronized long rejected(int rows) {
        rowsRejected += rows;
        return rowsRejected;
    }

    synchronized long rowsRejected() {
        return rowsRejected;
    }

    /** After each batch: saves now and then, and announces progress. */
    /** A batch of {@code rows} was written in {@code nanos}: for the batch-duration metric. */
    void batchWritten(int rows, long nanos) {
        events.batchWritten(pipelineId, stream, rows, nanos);
    }

    synchronized void flushed() {
        long now = clock.millis();
        if (now - lastSave >= SAVE_EVERY_MS) {
            save(now);
        }
        if (now - lastProgress >= PROGRESS_EVERY_MS) {
            progress(now);
        }
        series.tick();
    }

    /** Saves the counters now: at a pause, so that what the API shows then does not rise later by a batch. */
    synchronized void saveNow() {
        save(clock.millis());
    }

    /** Keeps the quality-check results (JSON) to save with the stream. */
    synchronized void checks(String json, boolean warned) {
        this.checks = json;
        this.checkWarned = warned;
    }

    /**
     * Keeps a change of the source's schema to save with the stream.
     *
     * @param kind   {@code column_added}, {@code column_removed} or {@code type_changed}
     * @param column the column
     * @param detail e.g. the column's type, or its type before and after
     */
    synchronized void schemaChange(String kind, String column, String detail) {
        Map<String, String> change = new LinkedHashMap<>();
        change.put("kind", kind);
        change.put("column", column);
        change.put("detail", detail);
        schemaChanges.add(change);
    }

    /** @return what the stream warns about, e.g. {@code "2 rows rejected (dead letters)"}, or an empty text */
    synchronized String warnings() {
        List<String> warnings = new ArrayList<>();
        if (rowsRejected > 0) {
            warnings.add(rowsRejected + " rows rejected (dead letters)");
        }
        if (checkWarned) {
            warnings.add("a quality check warned");
        }
        return String.join(", ", warnings);
    }

    /** @return how this stream ends when it finished: with warnings when it rejected rows or a check warned */
    synchronized RunStatus finishedStatus() {
        return RunOutcome.finishedStream(rowsRejected, checkWarned);
    }

    /** The stream ended: saves its final state. */
    synchronized void finish(RunStatus status, String error) {
        this.status = status;
        this.error = error;
        long now = clock.millis();
        save(now);
        progress(now);
    }

    synchronized String summary() {
        long ms = Math.max(1, clock.millis() - startedAt);
        return rowsRead + " read, " + rowsWritten + " written, " + rowsRejected + " rejected, " + rowsDeleted
                + " deleted" + (rowsFiltered > 0 ? ", " + rowsFiltered + " filtered" : "") + " in " + ms + " ms (" + (rowsRead * 1000 / ms) + " rows/s)";
    }

    /** Posts a stream event that is not progress (a failed quality check, a schema change) with its detail. */
    synchronized void announce(String topic, String detail) {
        Map<String, Object> event = new HashMap<>();
        event.put(RunEvents.RUN_ID, runId);
        event.put(RunEvents.PIPELINE_ID, pipelineId);
        event.put(RunEvents.STREAM, stream);
        event.put(RunEvents.ERROR, detail);
        events.post(topic, event);
    }

    /** @return the rows written, deleted and rejected so far: whether a stream moved on between two failures */
    synchronized long rowsDone() {
        return rowsWritten + rowsDeleted + rowsRejected;
    }

    /** Posts that the stream starts again after a wait, saving the counters first. */
    synchronized void retrying(int attempt, int attempts, long delaySeconds, String error) {
        save(clock.millis());
        Map<String, Object> event = new HashMap<>();
        event.put(RunEvents.RUN_ID, runId);
        event.put(RunEvents.PIPELINE_ID, pipelineId);
        event.put(RunEvents.STREAM, stream);
        event.put(RunEvents.ATTEMPT, attempt);
        event.put(RunEvents.ATTEMPTS, attempts);
        event.put(RunEvents.DELAY_SECONDS, delaySeconds);
        event.put(RunEvents.ERROR, error);
        events.post(RunEvents.RETRY, event);
    }

    private void progress(long now) {
        lastProgress = now;
        long ms = Math.max(1, now - startedAt);
        Map<String, Object> event = new HashMap<>();
        event.put(RunEvents.RUN_ID, runId);
        event.put(RunEvents.PIPELINE_ID, pipelineId);
        event.put(RunEvents.STREAM, stream);
        event.put(RunEvents.STATUS, status.id());
        event.put(RunEvents.ROWS_READ, rowsRead);
        event.put(RunEvents.ROWS_WRITTEN, rowsWritten);
        event.put(RunEvents.ROWS_REJECTED, rowsRejected);
        event.put(RunEvents.ROWS_DELETED, rowsDeleted);
        event.put(RunEvents.ROWS_PER_SECOND, rowsWritten * 1000 / ms);
        if (rowEstimate > 0) {
            event.put(RunEvents.PERCENT, status.isSuccessful() ? 100.0
                    : Math.min(99.9, Math.round(rowsRead * 1000.0 / rowEstimate) / 10.0));
        }
        if (changeStream) {
            event.put(RunEvents.LAG_BYTES, lagBytes < 0 ? null : lagBytes);
            event.put(RunEvents.LAG_SECONDS, lagMs < 0 ? null : lagMs / 1000.0);
            event.put(RunEvents.EVENTS_PER_SECOND, eventsPerSecond(now));
        }
        events.post(RunEvents.RUN_PROGRESS, event);
    }

    private void save(long now) {
        lastSave = now;
        runs.saveStream(new RunStream(runId, stream, status, rowsRead, rowsWritten, rowsRejected, rowsDeleted, bytes,
                now - startedAt, error, checks, schemaChangesJson(), rowsFiltered,
                changeStream && lagBytes >= 0 ? lagBytes : null, changeStream && lagMs >= 0 ? lagMs : null,
                changeStream ? eventsPerSecond(now) : null));
    }

    private String schemaChangesJson() {
        if (schemaChanges.isEmpty()) {
            return null;
        }
        try {
            return JSON.writeValueAsString(schemaChanges);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
