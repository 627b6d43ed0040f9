package io.arus.api.connector;

import io.arus.api.record.RecordBatch;
import io.arus.api.type.Schema;
import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Writes one stream into one target table. Opened by {@link ConnectorSession#openWriter}; used by one engine
 * thread.
 * <p>
 * The engine's contract: it calls {@link #write} and {@link #delete} any number of times, then {@link #flush()},
 * and only after {@code flush()} returned does it store the offset of the batches written. After a crash it
 * re-delivers everything after the last stored offset, so in {@link WriteMode#UPSERT} mode writes must be
 * idempotent by key. At the end of a successful stream it calls {@link #complete()}; it always calls
 * {@link #close()}.
 */
@ConsumerType
public interface StreamWriter extends AutoCloseable {
    /**
     * Writes rows. May buffer; nothing is durable before {@link #flush()}.
     *
     * @param batch rows in the schema given at open time (or the last {@link #evolve} schema)
     * @throws ConnectorException with {@link ConnectorException.Kind#DATA} when the destination refused rows; the
     *                            engine then splits the batch to find them, so a writer should leave nothing of a
     *                            refused batch behind
     */
    void write(RecordBatch batch) throws ConnectorException;

    /**
     * Deletes rows by primary key (hard deletes from change capture, soft deletes the pipeline propagates).
     *
     * @param keys one array per row, the key values in primary-key order
     * @throws ConnectorException when deleting fails
     */
    void delete(List<Object[]> keys) throws ConnectorException;

    /**
     * Deletes rows by primary key as of their change-log positions ({@link io.arus.api.record.Changes}): a row the
     * destination holds at a newer position than its delete stays, so that an older event never undoes a newer one.
     * The engine calls it with the deletes of change capture, on a writer whose schema has the
     * {@link io.arus.api.record.Changes#POSITION} column. The default ignores the positions and deletes by key,
     * which is still correct when events are re-delivered in log order.
     *
     * @param keys      one array per row, the key values in primary-key order
     * @param positions the log position of each delete, in the order of {@code keys}
     * @throws ConnectorException when deleting fails
     */
    default void delete(List<Object[]> keys, long[] positions) throws ConnectorException {
        delete(keys);
    }

    /**
     * Adapts the target to a changed source schema: adds new columns, widens types the destination can widen.
     *
     * @param newSchema the schema later batches carry
     * @throws ConnectorException with {@link ConnectorException.Kind#SCHEMA} when the change is incompatible
     *                            (a narrowed type, a dropped key column)
     */
    void evolve(Schema newSchema) throws ConnectorException;

    /**
     * Makes everything written so far durable. When it returns, the engine stores the offset.
     *
     * @throws ConnectorException when the destination failed; the engine then retries from the stored offset
     */
    void flush() throws ConnectorException;

    /**
     * How many rows this writer would like to take per {@link #flush()}, for destinations where every flush costs
     * much (ClickHouse stores each insert as a part that must be merged later). When every writer of a stream asks
     * for more than one batch, the engine writes several batches before flushing once: at least this many rows,
     * or whatever arrived in 10 seconds, and always before pausing, stopping or completing. A writer that asks for
     * this must refuse bad rows in {@link #write} (with {@link ConnectorException.Kind#DATA}, leaving nothing of
     * that batch behind), because the engine can no longer split the batches of a failing flush.
     *
     * @return the rows per flush, or 0 (the default) to be flushed after every batch
     */
    default int rowsPerFlush() {
        return 0;
    }

    /**
     * Whether this writer keeps, with the data it makes durable, the token of the flush that made it so: for a
     * destination where a row written twice stays twice (files in append mode). The engine then stores each
     * flush's offsets under a new token before it calls {@link #flush(String)} with that token, and stores them as
     * the stream's offsets once the flush returned. After a crash between the two it asks {@link #holdsFlush}:
     * when every writer of the stream that records flushes holds the token, the offsets of that flush are stored;
     * otherwise the flush is withdrawn with {@link #discardFlush} from the writers that hold it, and its rows are
     * read again. A kill between a flush and its offset then neither loses nor repeats a row. The engine asks this
     * of writers that take many rows per flush ({@link #rowsPerFlush()} above 0) only.
     *
     * @return true when {@link #flush(String)}, {@link #holdsFlush} and {@link #discardFlush} are carried out;
     *         false (the default) otherwise
     */
    default boolean recordsFlushes() {
        return false;
    }

    /**
     * {@link #flush()}, keeping {@code token} with what it makes durable, where {@link #holdsFlush} finds it later
     * (also when the flush had no rows to write).
     *
     * @param token names this flush; unique
     * @throws ConnectorException when the destination failed
     */
    default void flush(String token) throws ConnectorException {
        flush();
    }

    /**
     * @param token the token of a flush the engine began and may not have seen end
     * @return whether that flush is durable in the destination; asked before anything is written
     * @throws ConnectorException when the destination cannot tell
     */
    default boolean holdsFlush(String token) throws ConnectorException {
        throw new ConnectorException(ConnectorException.Kind.UNSUPPORTED, "this writer does not record flushes");
    }

    /**
     * Withdraws what the flush named {@code token} made durable (its rows are read and written again); does nothing
     * when the destination does not hold it. Asked before anything is written.
     *
     * @param token the token of a flush the engine began and may not have seen end
     * @throws ConnectorException when the destination failed
     */
    default void discardFlush(String token) throws ConnectorException {
        throw new ConnectorException(ConnectorException.Kind.UNSUPPORTED, "this writer does not record flushes");
    }

    /**
     * Opens a lane: a writer that loads into the same table as this one (in {@link WriteMode#REPLACE}, the same
     * staging table) over a connection and transaction of its own, so that the engine loads a stream's batches in
     * parallel while one lane waits for the database. The engine asks for lanes only in {@code REPLACE} mode, when
     * every batch is flushed on its own ({@link #rowsPerFlush()} 0) and the pipeline's {@code parallelism} leaves
     * the stream more than one writer. It uses each lane from one thread of its own, calls only {@link #write},
     * {@link #delete(List)} and {@link #flush()} on it (a refused batch is split on the lane that refused it), and
     * closes every lane, after their last flush, before it calls {@link #complete()} here. Closing a lane releases
     * its connection; it never drops the staging table.
     *
     * @return the lane, or null (the default) when this writer loads through one connection only
     * @throws ConnectorException when the lane's connection could not be opened
     */
    default StreamWriter lane() throws ConnectorException {
        return null;
    }

    /**
     * The stream ended successfully: for {@link WriteMode#REPLACE}, swap the staging table in atomically.
     *
     * @throws ConnectorException when the swap failed
     */
    void complete() throws ConnectorException;

    /**
     * Releases connections; drops a staging table that was never completed. Called once, also after a failure.
     */
    @Override
    void close();
}
