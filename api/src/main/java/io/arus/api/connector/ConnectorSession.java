package io.arus.api.connector;

import java.util.List;
import java.util.Map;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A connection-scoped object made by {@link Connector#open}: it tests the connection, discovers streams and opens
 * readers and writers. The engine may open several readers or writers of one session from different threads,
 * so implementations must be thread-safe (typically a small connection pool).
 * <p>
 * The default methods answer for connectors that lack a capability: a destination-only connector need not
 * implement {@link #discover()} or {@link #openReader}.
 */
@ConsumerType
public interface ConnectorSession extends AutoCloseable {
    /**
     * Tests the connection and the credentials.
     *
     * @return success with the server version, or failure with the cause in words (never throws for a
     *         connection problem)
     */
    CheckResult check();

    /**
     * Lists the streams a user may read, with their columns, keys, cursor candidates and row estimates.
     *
     * @return the streams
     * @throws ConnectorException when the system cannot be read
     */
    default List<StreamDescriptor> discover() throws ConnectorException {
        throw new ConnectorException(ConnectorException.Kind.UNSUPPORTED, "this connector is not a source");
    }

    /**
     * Cuts a stream into parts that can be read in parallel (primary-key ranges; for a table without a key, ranges
     * of its pages read on one snapshot, which cannot resume part way: the engine asks so only for a stream that
     * starts over after a crash). The session stays open until every split's reader is open. Connectors without
     * the {@link Capability#SPLITS} capability return the whole stream.
     *
     * @param request   what will be read
     * @param maxSplits the most splits the engine will read at once
     * @return at least one split
     * @throws ConnectorException when the stream's bounds cannot be read
     */
    default List<Split> splits(ReadRequest request, int maxSplits) throws ConnectorException {
        return List.of(Split.WHOLE);
    }

    /**
     * Opens a reader on one split.
     *
     * @param request what to read and where to resume
     * @param split   which part
     * @param context the run it reads for
     * @return a reader the caller closes
     * @throws ConnectorException when the stream cannot be opened
     */
    default StreamReader openReader(ReadRequest request, Split split, StreamContext context) throws ConnectorException {
        throw new ConnectorException(ConnectorException.Kind.UNSUPPORTED, "this connector is not a source");
    }

    /**
     * Opens a writer on one target table, creating the namespace and table when missing.
     *
     * @param request the target, schema, key and write mode
     * @param context the run it writes for
     * @return a writer the caller closes
     * @throws ConnectorException when the target cannot be prepared
     */
    default StreamWriter openWriter(WriteRequest request, StreamContext context) throws ConnectorException {
        throw new ConnectorException(ConnectorException.Kind.UNSUPPORTED, "this connector is not a destination");
    }

    /**
     * Counts rows, distinct keys and nulls of a table, for quality checks (source against destination). Connectors
     * that cannot count answer UNSUPPORTED and the engine skips the checks.
     *
     * @param stream          the table
     * @param keyColumns      columns whose distinct combinations to count; empty to skip
     * @param nullColumns     columns whose nulls to count
     * @param excludeWhereSet a column whose non-null rows to leave out (soft-deleted rows), or null
     * @return the counts
     * @throws ConnectorException when the table cannot be read
     */
    default StreamProfile profile(StreamId stream, List<String> keyColumns, List<String> nullColumns, String excludeWhereSet)
            throws ConnectorException {
        throw new ConnectorException(ConnectorException.Kind.UNSUPPORTED, "this connector cannot count a stream");
    }

    /**
     * The name of a table as this destination's SQL writes it, quoted and qualified, e.g. {@code "analytics"."orders"}:
     * what {@code {{ ref('...') }}} and {@code {{ this }}} become in a SQL model.
     *
     * @param table the table
     * @return its quoted, qualified name
     * @throws ConnectorException UNSUPPORTED when the connector has no SQL ({@link Capability#SQL_MODELS})
     */
    default String quotedName(StreamId table) throws ConnectorException {
        throw new ConnectorException(ConnectorException.Kind.UNSUPPORTED, "this connector cannot run SQL models");
    }

    /**
     * Runs one SQL model in the destination ({@link Capability#SQL_MODELS}): materializes the model's SELECT as a
     * table (built aside, then swapped in), a view, or incrementally (appended to, or merged by key into, the table
     * that exists; created on the first run).
     *
     * @param request the target, its SELECT (references already resolved) and how to materialize it
     * @param context the run it works for
     * @return the rows the model holds or added
     * @throws ConnectorException with the database's message when the SQL fails
     */
    default ModelResult runModel(ModelRequest request, StreamContext context) throws ConnectorException {
        throw new ConnectorException(ConnectorException.Kind.UNSUPPORTED, "this connector cannot run SQL models");
    }

    /**
     * Drops what change capture ({@link Capability#CDC}) keeps at the source for one stream of one pipeline
     * (PostgreSQL: its replication slot and the publication Arus created), so that the source no longer retains log
     * for it. The engine calls it when the pipeline is deleted or its state is reset. Idempotent: nothing to drop
     * is not an error.
     *
     * @param feed the name the reader was given ({@link StreamContext#changeFeed()})
     * @throws ConnectorException when the source refused
     */
    default void dropChangeFeed(String feed) throws ConnectorException {
    }

    /**
     * Describes what change capture keeps at the source for one stream of one pipeline, for the pipeline's state:
     * JSON-friendly values such as {@code {"slot": "arus_orders_...", "active": true, "wal_status": "reserved",
     * "retained_bytes": 123456, "confirmed_flush_lsn": "0/1A2B3C"}} (PostgreSQL) or the binlog position and the bytes
     * the server holds after it (MySQL/MariaDB). The default describes nothing.
     *
     * @param feed the name the reader was given ({@link StreamContext#changeFeed()})
     * @return the description, empty when the source keeps nothing under that name
     * @throws ConnectorException when the source cannot be asked
     */
    default Map<String, Object> describeChangeFeed(String feed) throws ConnectorException {
        return Map.of();
    }

    /**
     * Describes a change feed knowing where its stream stands: a source that keeps nothing per feed (a binlog
     * reader) can still say how much log lies after the stored position and whether the server still has it. The
     * default ignores the offset ({@link #describeChangeFeed(String)}).
     *
     * @param feed   the name the reader was given ({@link StreamContext#changeFeed()})
     * @param stored the offset the engine stored last for the stream, or null when none
     * @return the description, empty when there is nothing to say
     * @throws ConnectorException when the source cannot be asked
     * @since 1.4
     */
    default Map<String, Object> describeChangeFeed(String feed, io.arus.api.record.Offset stored)
            throws ConnectorException {
        return describeChangeFeed(feed);
    }

    /** Closes connections and pools. */
    @Override
    void close();
}
