package io.arus.core.engine.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The changes between the source columns a stream saw last time and now, each column written as
 * {@code "name TYPE"}: a column only now is {@code column_added}, one only before is {@code column_removed}, one in
 * both with another type is {@code type_changed}.
 */
final class SchemaChanges {
    /** @param kind what changed @param column the column @param detail its type, or {@code "OLD -> NEW"} */
    record Change(String kind, String column, String detail) {
    }

    private SchemaChanges() {
    }

    /**
     * @param removed columns ({@code "name TYPE"}) seen before and not now
     * @param added   columns seen now and not before
     */
    static List<Change> between(List<String> removed, List<String> added) {
        Map<String, String> before = byName(removed);
        Map<String, String> now = byName(added);
        List<Change> changes = new ArrayList<>();
        now.forEach((column, type) -> changes.add(before.containsKey(column)
                ? new Change("type_changed", column, before.get(column) + " -> " + type)
                : new Change("column_added", column, type)));
        before.forEach((column, type) -> {
            if (!now.containsKey(column)) {
                changes.add(new Change("column_removed", column, type));
            }
        });
        return changes;
    }

    private static Map<String, String> byName(List<String> columns) {
        Map<String, String> byName = new LinkedHashMap<>();
        for (String column : columns) {
            int space = column.indexOf(' ');
            byName.put(space < 0 ? column : column.substring(0, space), space < 0 ? "" : column.substring(space + 1));
        }
        return byName;
    }
}
