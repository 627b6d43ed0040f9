package io.arus.core.engine.internal;

import io.arus.api.connector.StreamDescriptor;
import io.arus.api.connector.SyncMode;
import io.arus.api.connector.WriteMode;
import io.arus.core.engine.StreamSettings;
import java.util.List;
import java.util.Locale;

/**
 * What a stream's settings and its discovered descriptor resolve to: the cursor, key, soft-delete column and
 * write mode the run actually uses, with the reason for every detected or changed choice.
 */
record StreamPlan(StreamDescriptor stream, SyncMode syncMode, String cursorField, List<String> primaryKey,
                  String softDeleteField, WriteMode writeMode, List<String> notes) {

    /**
     * The order DESIGN.md gives for detecting a cursor column, plus {@code last_update} (the MySQL sample schemas'
     * name, Sakila's among them) before the {@code created_at} fallback.
     */
    static final List<String> CURSOR_NAMES = List.of("updated_at", "modified_at", "last_modified", "updated", "last_update",
            "created_at");
    static final String SOFT_DELETE_NAME = "deleted_at";

    static StreamPlan resolve(StreamSettings settings, StreamDescriptor stream) {
        List<String> notes = new java.util.ArrayList<>();
        List<String> key = settings.primaryKey().isEmpty() ? stream.primaryKey() : settings.primaryKey();
        for (String column : key) {
            if (stream.schema().indexOf(column).isEmpty()) {
                throw new IllegalArgumentException(settings.name() + ": primary key column " + column + " does not exist");
            }
        }
        SyncMode sync = settings.syncMode();
        String cursor = null;
        if (sync == SyncMode.INCREMENTAL) {
            cursor = settings.cursorField() != null ? settings.cursorField() : detectCursor(stream);
            if (cursor == null) {
                sync = SyncMode.FULL_REFRESH;
                notes.add("no cursor column (" + String.join(", ", CURSOR_NAMES) + "): synced by full refresh");
            } else if (stream.schema().indexOf(cursor).isEmpty()) {
                throw new IllegalArgumentException(settings.name() + ": cursor column " + cursor + " does not exist");
            } else if (settings.cursorField() == null) {
                notes.add("cursor column detected: " + cursor);
            }
        }
        if (sync == SyncMode.CDC) {
            return changeCapture(settings, stream, key);
        }
        String softDelete = settings.softDeleteField();
        if (softDelete == null) {
            softDelete = stream.schema().names().stream().filter(n -> n.toLowerCase(Locale.ROOT).equals(SOFT_DELETE_NAME))
                    .findFirst().orElse(null);
            if (softDelete != null) {
                notes.add("soft-delete column detected: " + softDelete);
            }
        } else if (stream.schema().indexOf(softDelete).isEmpty()) {
            throw new IllegalArgumentException(settings.name() + ": soft-delete column " + softDelete + " does not exist");
        }
        WriteMode write = settings.writeMode();
        if (write == null) {
            write = sync == SyncMode.FULL_REFRESH ? WriteMode.REPLACE : key.isEmpty() ? WriteMode.APPEND : WriteMode.UPSERT;
        }
        if (write == WriteMode.UPSERT && key.isEmpty()) {
            throw new IllegalArgumentException(settings.name() + ": upsert needs a primary key and the source has none;"
                    + " set primary_key or write_mode append");
        }
        return new StreamPlan(stream, sync, cursor, List.copyOf(key), softDelete, write, List.copyOf(notes));
    }

    /** A change-capture stream: applied by key, deletes from the log (no soft-delete column), no steps yet. */
    private static StreamPlan changeCapture(StreamSettings settings, StreamDescriptor stream, List<String> key) {
        if (key.isEmpty()) {
            throw new IllegalArgumentException(settings.name() + ": change capture applies changes by key and the"
                    + " source table has no primary key; give one with primary_key or sync it by full refresh");
        }
        if (settings.writeMode() != null && settings.writeMode() != WriteMode.UPSERT) {
            throw new IllegalArgumentException(settings.name() + ": change capture writes in upsert mode, not "
                    + settings.writeMode().id());
        }
        if (!settings.transforms().isEmpty()) {
            throw new IllegalArgumentException(settings.name() + ": transform steps do not run on change-capture"
                    + " streams yet; remove them or sync the stream incrementally");
        }
        for (String column : stream.schema().names()) {
            if (io.arus.api.record.Changes.isChangeColumn(column)) {
                throw new IllegalArgumentException(settings.name() + ": column " + column + " is reserved for change"
                        + " capture");
            }
        }
        return new StreamPlan(stream, SyncMode.CDC, null, List.copyOf(key), null, WriteMode.UPSERT, List.of());
    }

    private static String detectCursor(StreamDescriptor stream) {
        for (String name : CURSOR_NAMES) {
            for (String candidate : stream.cursorCandidates()) {
                if (candidate.equalsIgnoreCase(name)) {
                    return candidate;
                }
            }
        }
        return null;
    }

    /** Whether offsets are kept while the stream runs: a REPLACE staging table does not survive a crash. */
    boolean resumable() {
        return writeMode != WriteMode.REPLACE;
    }
}
