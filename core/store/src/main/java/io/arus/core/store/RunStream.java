package io.arus.core.store;

/**
 * The counters of one stream of a run.
 *
 * @param runId        the run
 * @param stream       {@code namespace.table}
 * @param status       where the stream is
 * @param rowsRead     rows read from the source
 * @param rowsWritten  rows the destination accepted
 * @param rowsRejected rows sent to dead letters
 * @param bytes        an estimate of the bytes moved
 * @param durationMs   time spent so far
 * @param error        why it failed, or null
 * @param checks       quality-check results as JSON text, or null
 */
public record RunStream(String runId, String stream, RunStatus status, long rowsRead, long rowsWritten,
                        long rowsRejected, long bytes, long durationMs, String error, String checks) {
}
