package io.arus.connector.jdbc.internal;

import io.arus.api.connector.StreamId;
import io.arus.api.type.Field;
import io.arus.api.type.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One table or view as the catalog describes it.
 *
 * @param id          namespace and name
 * @param view        whether it is a view
 * @param columns     the columns in table order
 * @param primaryKey  the key columns in key order; empty when none
 * @param rowEstimate the planner's estimate, or -1
 */
record TableInfo(StreamId id, boolean view, List<ColumnInfo> columns, List<String> primaryKey, long rowEstimate) {
    Schema schema() {
        List<Field> fields = new ArrayList<>(columns.size());
        for (ColumnInfo column : columns) {
            fields.add(column.field());
        }
        return Schema.of(fields);
    }

    Optional<ColumnInfo> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }
}
