package io.arus.core.engine.internal;

import io.arus.api.connector.ConnectorException;
import io.arus.api.connector.StreamWriter;
import io.arus.api.record.Offset;
import io.arus.api.record.RecordBatch;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Flushes the writers and then stores the offset of the last batch written: after every batch, or, for writers
 * that take many rows per flush, once enough rows (or {@value #FLUSH_EVERY_MS} ms, or a change-capture pipeline's
 * checkpoint interval) went by. Rows refused since the
 * last such deferred flush are stored with it, so that a run that fails before it (and re-reads those rows next
 * time) leaves each refused row once.
 * <p>
 * When a writer records flushes ({@link StreamWriter#recordsFlushes()}), the offset is first stored as the pending
 * flush under a new token, then the writers flush with that token, then the offset is stored: the next run settles
 * a pending flush by asking the writers whether they hold it.
 */
final class CheckpointCommitter {
    /** The longest a writer that takes many rows per flush holds them unflushed. */
    static final long FLUSH_EVERY_MS = 10_000;

    private final StreamWriter normalized;
    private final StreamWriter raw;
    private final int rowsPerFlush;
    private final Clock clock;
    private final Consumer<Offset> storeOffset;
    private final long flushEveryMs;
    private final Function<Offset, String> prepare;
    private final List<Runnable> unflushedRejects = new ArrayList<>();
    private int rows;
    private boolean pending;
    private Offset offset;
    private long flushedAt;

    /**
     * @param normalized   the normalized zone's writer, or null
     * @param raw          the raw zone's writer, or null
     * @param rowsPerFlush rows per flush the writers ask for, or 0 when they want every batch flushed (then the
     *                     writers flush each batch themselves and this only stores the offset)
     * @param clock        for the longest wait between deferred flushes
     * @param storeOffset  stores an offset once its batch is flushed; null when the stream cannot resume
     */
    CheckpointCommitter(StreamWriter normalized, StreamWriter raw, int rowsPerFlush, Clock clock,
                        Consumer<Offset> storeOffset) {
        this(normalized, raw, rowsPerFlush, clock, storeOffset, FLUSH_EVERY_MS);
    }

    /**
     * @param flushEveryMs the longest deferred rows wait for their flush: {@value #FLUSH_EVERY_MS}, or a
     *                     change-capture pipeline's {@code cdc.checkpoint_seconds}
     */
    CheckpointCommitter(StreamWriter normalized, StreamWriter raw, int rowsPerFlush, Clock clock,
                        Consumer<Offset> storeOffset, long flushEveryMs) {
        this(normalized, raw, rowsPerFlush, clock, storeOffset, flushEveryMs, null);
    }

    /**
     * @param prepare stores the offset of a deferred flush as pending and returns the flush's token, for writers that
     *                record flushes; null when none does
     */
    CheckpointCommitter(StreamWriter normalized, StreamWriter raw, int rowsPerFlush, Clock clock,
                        Consumer<Offset> storeOffset, long flushEveryMs, Function<Offset, String> prepare) {
        this.normalized = normalized;
        this.raw = raw;
        this.rowsPerFlush = rowsPerFlush;
        this.clock = clock;
        this.storeOffset = storeOffset;
        this.flushEveryMs = flushEveryMs;
        this.prepare = prepare;
        this.flushedAt = clock.millis();
    }

    /** @return the rows per flush every open writer asks for (the largest), or 0 when one wants every batch flushed */
    static int rowsPerFlush(StreamWriter normalized, StreamWriter raw) {
        int rows = Integer.MAX_VALUE;
        for (StreamWriter writer : new StreamWriter[] {normalized, raw}) {
            if (writer != null) {
                int wanted = writer.rowsPerFlush();
                rows = wanted <= 0 ? 0 : rows == Integer.MAX_VALUE ? wanted : Math.max(rows, wanted);
            }
        }
        return rows == Integer.MAX_VALUE ? 0 : rows;
    }

    /** @return true when flushes span several batches */
    boolean deferred() {
        return rowsPerFlush > 0;
    }

    /** Stores a refused row now, or with the next flush when flushes are deferred. */
    void reject(Runnable store) {
        if (deferred()) {
            unflushedRejects.add(store);
        } else {
            store.run();
        }
    }

    /** A batch was written (not necessarily flushed). */
    void written(RecordBatch batch) {
        rows += batch.size();
        pending = true;
        if (batch.offsetAfter() != null) {
            offset = batch.offsetAfter();
        }
    }

    /** @return true when a deferred flush is due (enough rows, or long enough) */
    boolean due() {
        return rows >= rowsPerFlush || clock.millis() - flushedAt >= flushEveryMs;
    }

    /** Flushes what is pending (when deferred), stores its refused rows, then the offset. */
    void flush() throws ConnectorException {
        if (!pending) {
            return;
        }
        if (deferred()) {
            String token = prepare != null && offset != null && storeOffset != null ? prepare.apply(offset) : null;
            for (StreamWriter writer : new StreamWriter[] {raw, normalized}) {
                if (writer != null && token != null && writer.recordsFlushes()) {
                    writer.flush(token);
                } else if (writer != null) {
                    writer.flush();
                }
            }
            unflushedRejects.forEach(Runnable::run);
            unflushedRejects.clear();
        }
        if (offset != null && storeOffset != null) {
            storeOffset.accept(offset);
        }
        rows = 0;
        pending = false;
        offset = null;
        flushedAt = clock.millis();
    }
}
