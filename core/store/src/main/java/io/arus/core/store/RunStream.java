package io.arus.core.store;

/**
 * The counters of one stream of a run.
 *
 * @param runId         the run
 * @param stream        {@code namespace.table}
 * @param status        where the stream is
 * @param rowsRead      rows read from the source
 * @param rowsWritten   rows the destination accepted
 * @param rowsRejected  rows sent to dead letters
 * @param rowsDeleted   rows the engine deleted at the destination (soft deletes propagated, deletes captured from a
 *                      change log) (since 1.4)
 * @param bytes         an estimate of the bytes moved
 * @param durationMs    time spent so far
 * @param error         why it failed, or null
 * @param checks        quality-check results as JSON text, or null
 * @param schemaChanges the source schema changes the stream saw, as JSON text (a list of {@code kind},
 *                      {@code column}, {@code detail}), or null (since 1.4)
 * @param rowsFiltered  rows transform steps left out on purpose (a filter), counted, not rejected (since 1.6)
 * @param lagBytes      a change-capture stream: the bytes of the source's log after what it read; null for other
 *                      streams and while unknown (since 2.1)
 * @param lagMs         a change-capture stream: milliseconds from the commit of the last change it read to when it
 *                      read it (0 when it is caught up); null for other streams and while unknown (since 2.1)
 * @param eventsPerSecond a change-capture stream: the changes it read per second lately (the last ten seconds or
 *                      so); null for other streams (since 2.1)
 */
public record RunStream(String runId, String stream, RunStatus status, long rowsRead, long rowsWritten,
                        long rowsRejected, long rowsDeleted, long bytes, long durationMs, String error, String checks,
                        String schemaChanges, long rowsFiltered, Long lagBytes, Long lagMs, Double eventsPerSecond) {
    /** A stream that captures no changes, as before version 2.1. */
    public RunStream(String runId, String stream, RunStatus status, long rowsRead, long rowsWritten,
                     long rowsRejected, long rowsDeleted, long bytes, long durationMs, String error, String checks,
                     String schemaChanges, long rowsFiltered) {
        this(runId, stream, status, rowsRead, rowsWritten, rowsRejected, rowsDeleted, bytes, durationMs, error, checks,
                schemaChanges, rowsFiltered, null, null, null);
    }

    /** A stream whose transforms filtered nothing, as before version 1.6. */
    public RunStream(String runId, String stream, RunStatus status, long rowsRead, long rowsWritten,
                     long rowsRejected, long rowsDeleted, long bytes, long durationMs, String error, String checks,
                     String schemaChanges) {
        this(runId, stream, status, rowsRead, rowsWritten, rowsRejected, rowsDeleted, bytes, durationMs, error, checks,
                schemaChanges, 0);
    }

    /** A stream that deleted nothing and saw no schema change, as before version 1.4. */
    public RunStream(String runId, String stream, RunStatus status, long rowsRead, long rowsWritten,
                     long rowsRejected, long bytes, long durationMs, String error, String checks) {
        this(runId, stream, status, rowsRead, rowsWritten, rowsRejected, 0, bytes, durationMs, error, checks, null);
    }
}
