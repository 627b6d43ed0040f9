package io.arus.core.engine;

import io.arus.api.connector.SyncMode;
import io.arus.api.connector.WriteMode;
import io.arus.core.model.TransformSpec;
import java.util.List;

/**
 * How one stream of a pipeline is synced. Null fields are detected at run time: the cursor from the stream's
 * cursor candidates (updated_at, modified_at, last_modified, updated, last_update, then created_at), the primary key from the
 * source, the soft-delete column ({@code deleted_at}) from the columns, and the write mode from the sync mode
 * (full refresh replaces; incremental upserts, or appends without a key).
 *
 * @param name            {@code namespace.table} as the source names it
 * @param syncMode        full refresh or incremental
 * @param cursorField     the cursor column, or null to detect it
 * @param primaryKey      the key columns, or empty to take the source's
 * @param softDeleteField the soft-delete column, or null to detect it
 * @param writeMode       how rows land, or null for the default of the sync mode
 * @param transforms      the transform chain applied, in order, between reader and writers; empty for none
 */
public record StreamSettings(String name, SyncMode syncMode, String cursorField, List<String> primaryKey,
                             String softDeleteField, WriteMode writeMode, List<TransformSpec> transforms) {
    /** Copies the key and the chain. */
    public StreamSettings {
        primaryKey = primaryKey == null ? List.of() : List.copyOf(primaryKey);
        transforms = transforms == null ? List.of() : List.copyOf(transforms);
    }

    /** A stream without transforms. */
    public StreamSettings(String name, SyncMode syncMode, String cursorField, List<String> primaryKey,
                          String softDeleteField, WriteMode writeMode) {
        this(name, syncMode, cursorField, primaryKey, softDeleteField, writeMode, List.of());
    }
}
