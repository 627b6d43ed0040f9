package io.arus.core.engine.internal;

import io.arus.core.store.RunStatus;
import io.arus.core.store.RunStore;
import io.arus.core.store.RunStream;
import java.time.Clock;

/**
 * The counters of one stream of a run, saved with the run after flushed batches (at most once a second, and at
 * the end), so that the API shows progress while the run goes on.
 */
final class StreamCounters {
    private static final long SAVE_EVERY_MS = 1_000;

    private final RunStore runs;
    private final String runId;
    private final String stream;
    private final Clock clock;
    private final long startedAt;
    private long rowsRead;
    private long rowsWritten;
    private long rowsRejected;
    private long rowsDeleted;
    private long bytes;
    private long lastSave;
    private RunStatus status = RunStatus.RUNNING;
    private String error;
    private String checks;

    StreamCounters(RunStore runs, String runId, String stream, Clock clock) {
        this.runs = runs;
        this.runId = runId;
        this.stream = stream;
        this.clock = clock;
        this.startedAt = clock.millis();
    }

    /** Counts a read batch; its size is estimated from its first row (cheap, and close for table rows). */
    synchronized void read(io.arus.api.record.RecordBatch batch) {
        rowsRead += batch.size();
        if (!batch.isEmpty()) {
            bytes += RowSize.estimate(batch.rows().get(0)) * batch.size();
        }
    }

    synchronized void written(int rows) {
        rowsWritten += rows;
    }

    synchronized void deleted(int rows) {
        rowsDeleted += rows;
    }

    synchronized long rejected(int rows) {
        rowsRejected += rows;
        return rowsRejected;
    }

    synchronized long rowsRejected() {
        return rowsRejected;
    }

    /** After a flushed batch: saves now and then. */
    synchronized void flushed() {
        long now = clock.millis();
        if (now - lastSave >= SAVE_EVERY_MS) {
            save(now);
        }
    }

    /** Keeps the quality-check results (JSON) to save with the stream. */
    synchronized void checks(String json) {
        this.checks = json;
    }

    /** The stream ended: saves its final state. */
    synchronized void finish(RunStatus status, String error) {
        this.status = status;
        this.error = error;
        save(clock.millis());
    }

    synchronized String summary() {
        long ms = Math.max(1, clock.millis() - startedAt);
        return rowsRead + " read, " + rowsWritten + " written, " + rowsRejected + " rejected, " + rowsDeleted
                + " deleted in " + ms + " ms (" + (rowsRead * 1000 / ms) + " rows/s)";
    }

    private void save(long now) {
        lastSave = now;
        runs.saveStream(new RunStream(runId, stream, status, rowsRead, rowsWritten, rowsRejected, bytes,
                now - startedAt, error, checks));
    }
}
