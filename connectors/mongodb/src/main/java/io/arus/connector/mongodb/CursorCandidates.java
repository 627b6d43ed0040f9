package io.arus.connector.mongodb;

import io.arus.api.type.Field;
import io.arus.api.type.LogicalType.Kind;
import io.arus.api.type.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Picks the columns usable as an incremental cursor: first the date and number columns named as the engine looks
 * for them (DESIGN.md section 3, and {@code last_update}), in its order and whatever their case; then any other date
 * column, which a user may choose. Strings, documents and mixed-type fields are never offered.
 */
final class CursorCandidates {
    /** The names the engine detects, best first. */
    static final List<String> PREFERRED = List.of("updated_at", "modified_at", "last_modified", "updated", "last_update",
            "created_at");

    private static final Set<Kind> ORDERED = Set.of(Kind.TIMESTAMPTZ, Kind.INT32, Kind.INT64, Kind.FLOAT64, Kind.DECIMAL);

    private CursorCandidates() {
    }

    static List<String> of(Schema schema) {
        List<String> candidates = new ArrayList<>();
        for (String name : PREFERRED) {
            for (Field field : schema.fields()) {
                if (field.name().equalsIgnoreCase(name) && ORDERED.contains(field.type().kind())
                        && !candidates.contains(field.name())) {
                    candidates.add(field.name());
                }
            }
        }
        for (Field field : schema.fields()) {
            if (field.type().kind() == Kind.TIMESTAMPTZ && !candidates.contains(field.name())) {
                candidates.add(field.name());
            }
        }
        return candidates;
    }
}
