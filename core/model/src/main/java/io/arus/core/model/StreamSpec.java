package io.arus.core.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * How one stream of a pipeline is synced, as a client writes it. Null fields are detected at run time (the cursor,
 * the key and the soft-delete column from the source; the write mode from the sync mode).
 *
 * @param name            {@code namespace.table} as the source names it; required, unique in a pipeline
 * @param syncMode        {@code full_refresh} or {@code incremental} (the default once parsed)
 * @param cursorField     the cursor column, or null to detect it
 * @param primaryKey      the key columns, or empty to take the source's
 * @param softDeleteField the soft-delete column, or null to detect it
 * @param writeMode       {@code append}, {@code upsert} or {@code replace}, or null for the sync mode's default
 * @param transforms      the transform chain applied, in order, between reader and writers; empty for none
 */
public record StreamSpec(String name, @JsonProperty("sync_mode") String syncMode,
                         @JsonProperty("cursor_field") String cursorField,
                         @JsonProperty("primary_key") List<String> primaryKey,
                         @JsonProperty("soft_delete_field") String softDeleteField,
                         @JsonProperty("write_mode") String writeMode,
                         List<TransformSpec> transforms) {
    /** Copies the key and the chain; a missing one is empty. */
    public StreamSpec {
        primaryKey = primaryKey == null ? List.of() : List.copyOf(primaryKey);
        transforms = transforms == null ? List.of()
                : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(transforms));
    }

    /** A stream without transforms. */
    public StreamSpec(String name, String syncMode, String cursorField, List<String> primaryKey, String softDeleteField,
                      String writeMode) {
        this(name, syncMode, cursorField, primaryKey, softDeleteField, writeMode, List.of());
    }
}
