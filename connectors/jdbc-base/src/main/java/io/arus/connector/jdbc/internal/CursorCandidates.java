package io.arus.connector.jdbc.internal;

import io.arus.api.type.Field;
import io.arus.api.type.LogicalType.Kind;
import io.arus.api.type.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Picks the columns usable as an incremental cursor: temporal columns only (a date, a timestamp with or without
 * zone), the conventional names first in the order users expect, then the others in column order.
 */
final class CursorCandidates {
    /** The names tried first, best first (DESIGN.md section 3). */
    static final List<String> PREFERRED = List.of("updated_at", "modified_at", "last_modified", "updated", "created_at");

    private static final Set<Kind> TEMPORAL = Set.of(Kind.DATE, Kind.TIMESTAMP, Kind.TIMESTAMPTZ);

    private CursorCandidates() {
    }

    static List<String> of(Schema schema) {
        List<String> candidates = new ArrayList<>();
        for (String name : PREFERRED) {
            schema.indexOf(name).ifPresent(i -> {
                if (TEMPORAL.contains(schema.field(i).type().kind())) {
                    candidates.add(name);
                }
            });
        }
        for (Field field : schema.fields()) {
            if (TEMPORAL.contains(field.type().kind()) && !candidates.contains(field.name())) {
                candidates.add(field.name());
            }
        }
        return candidates;
    }
}
