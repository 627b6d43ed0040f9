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
 */
public record DeadLetter(String id, String runId, String pipelineId, String stream, String reason,
                         Map<String, Object> values, Instant createdAt, Instant replayedAt) {
}
