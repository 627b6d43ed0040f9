package io.arus.api.connector;

import io.arus.api.record.Offset;
import io.arus.api.record.RecordBatch;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Reads one split of one stream, batch by batch. Opened by {@link ConnectorSession#openReader}; used by one engine
 * thread, except {@link #wakeup()}, which another thread may call at any time.
 * <p>
 * Memory must stay bounded whatever the table size: stream from the database (a server-side cursor, a fetch
 * size), never load a whole table.
 */
@ConsumerType
public interface StreamReader extends AutoCloseable {
    /**
     * Returns the next batch of at most the requested batch size and batch memory ({@link BatchLimit} counts both).
     * It should return within a few seconds even when the source is slow (return a smaller batch), so that the engine
     * can pause or cancel between batches.
     * Every returned batch carries the {@link io.arus.api.record.Offset} after its last row; resuming from that
     * offset must neither skip nor repeat rows (keyset reads on cursor and primary key guarantee this).
     *
     * @return the next batch, possibly empty, or {@code null} when the split is exhausted
     * @throws ConnectorException when reading fails
     */
    RecordBatch poll() throws ConnectorException;

    /**
     * Asks a blocked {@link #poll()} to return as soon as it can (with what it has, or null). Thread-safe.
     */
    void wakeup();

    /**
     * Says that the destination flushed everything up to {@code offset} and the engine stored it: a change-log
     * reader may now let the source discard the log before it (PostgreSQL: confirm the replication slot up to
     * there; the slot must never be confirmed past what the destination holds). Thread-safe: the engine calls it
     * from the writing thread while {@link #poll()} may be running. The default does nothing.
     *
     * @param offset an offset this reader returned with a batch
     */
    default void committed(Offset offset) {
    }

    /**
     * How far the source's log is ahead of what this reader returned, for change capture: the bytes of log written
     * after the position of the last batch (PostgreSQL: the current WAL position minus the last received LSN;
     * MySQL/MariaDB: the binlog bytes after the last event). Thread-safe and cheap (the engine calls it after every
     * batch): answer a value measured at most a few seconds ago. The default says it is unknown.
     *
     * @return the bytes behind, or -1 when unknown
     */
    default long bytesBehind() {
        return -1;
    }

    /**
     * Releases the cursor, statement and connection. Called once, also after a failure.
     */
    @Override
    void close();
}
