package io.arus.core.store;

import java.util.Objects;

/**
 * What became of one SQL model of a run, in the order the models ran after the streams.
 *
 * @param name            the model (its table or view in the destination)
 * @param materialization {@code table}, {@code view} or {@code incremental}
 * @param status          {@code succeeded}, {@code failed} or {@code skipped}
 * @param rows            the rows a table model holds or an incremental one added or replaced; null when not counted
 *                        (a view, a failed or a skipped model)
 * @param durationMs      how long it ran; 0 when skipped
 * @param error           the database's message when it failed, why it was skipped, else null
 * @since 1.7
 */
public record RunModel(String name, String materialization, String status, Long rows, long durationMs, String error) {
    public RunModel {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(materialization, "materialization");
        Objects.requireNonNull(status, "status");
    }
}
