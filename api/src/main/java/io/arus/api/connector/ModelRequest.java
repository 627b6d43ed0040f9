package io.arus.api.connector;

import java.util.List;
import java.util.Objects;

/**
 * One SQL model to run in the destination.
 *
 * @param target          the table or view the model makes
 * @param select          the model's SELECT, with {@code ref()} and {@code this} already replaced by quoted names
 * @param materialization table, view or incremental
 * @param uniqueKey       for an incremental model, the columns whose rows a new row replaces; empty to append
 */
public record ModelRequest(StreamId target, String select, ModelMaterialization materialization, List<String> uniqueKey) {
    /** Checks the parts and copies the key. */
    public ModelRequest {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(select, "select");
        Objects.requireNonNull(materialization, "materialization");
        uniqueKey = uniqueKey == null ? List.of() : List.copyOf(uniqueKey);
    }
}
