package io.arus.core.store;

import java.time.Instant;
import java.util.Map;

/**
 * A row a transform or the destination refused, kept with the reason and the raw values.
 *
 * @param id         a UUID
 * @param runId      the run that met it
 * @param pipelineId the pipeline
 * @param stream     {@code namespace.table}
 * @param reason     why, as the destination or transform said it
 * @param values     the row, column name to JSON-friendly value
 * @param createdAt  when it was stored
 * @param replayedAt when it was replayed successfully, or null
 * @param stepIndex  the position of the transform step that rejected the row (its values are then the row as it
 *                   entered the chain), -1 for a record the source could not read (type {@code source}; its values
 *                   say where it was, it cannot be replayed), or null when the destination refused it (since 1.6)
 * @param stepType   that step's transform type, {@code source}, or null (since 1.6)
 */
public record DeadLetter(String id, String runId, String pipelineId, String stream, String reason,
                         Map<String, Object> values, Instant createdAt, Instant replayedAt, Integer stepIndex,
                         String stepType) {
    /** A row the destination refused, as before version 1.6. */
    public DeadLetter(String id, String runId, String pipelineId, String stream, String reason,
                      Map<String, Object> values, Instant createdAt, Instant replayedAt) {
        this(id, runId, pipelineId, stream, reason, values, createdAt, replayedAt, null, null);
    }
}
