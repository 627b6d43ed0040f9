package io.arus.connector.mongodb;

import io.arus.api.type.Field;
import io.arus.api.type.LogicalType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.BsonDocument;

/**
 * Infers a collection's columns from sampled documents, one document at a time (the sample is never held in
 * memory). Columns are {@code _id} first, then the fields in the order the sample first showed them; their types
 * merge what every sampled document held ({@link TypeMerge}).
 * <p>
 * Nested documents are one json column each, or, with {@code flatten}, one column per nested field named
 * {@code parent_child}, recursively; arrays, and fields that were a document in some documents and something else
 * in others, stay json. A flattened name that is already taken gets a {@code _2}, {@code _3}... suffix. {@code _id}
 * is never flattened: it is the key.
 * <p>
 * Every column but {@code _id} is nullable: a sample cannot prove that a field is in every document, and a NOT NULL
 * destination column would refuse the first later document without it.
 */
final class SchemaInference {
    static final String ID = "_id";

    private final boolean flatten;
    private final FieldStats root = new FieldStats();

    /** @param flatten whether nested documents become {@code parent_child} columns */
    SchemaInference(boolean flatten) {
        this.flatten = flatten;
    }

    /** @param document one sampled document */
    void observe(BsonDocument document) {
        root.observeFields(document, flatten);
    }

    /** @return the columns the observed documents call for */
    CollectionLayout layout() {
        List<Column> columns = new ArrayList<>();
        Set<String> names = new HashSet<>();
        FieldStats id = root.children().getOrDefault(ID, new FieldStats());
        names.add(ID);
        columns.add(column(ID, List.of(ID), id, false));
        for (Map.Entry<String, FieldStats> field : root.children().entrySet()) {
            if (!field.getKey().equals(ID)) {
                add(field.getKey(), List.of(field.getKey()), field.getValue(), columns, names);
            }
        }
        return new CollectionLayout(columns);
    }

    private void add(String name, List<String> path, FieldStats stats, List<Column> columns, Set<String> names) {
        if (flatten && stats.valueTypes().equals(Set.of("object")) && !stats.children().isEmpty()) {
            for (Map.Entry<String, FieldStats> child : stats.children().entrySet()) {
                List<String> childPath = new ArrayList<>(path);
                childPath.add(child.getKey());
                add(name + "_" + child.getKey(), childPath, child.getValue(), columns, names);
            }
            return;
        }
        columns.add(column(unique(name, names), path, stats, true));
    }

    private static String unique(String name, Set<String> names) {
        String candidate = name;
        for (int n = 2; !names.add(candidate); n++) {
            candidate = name + "_" + n;
        }
        return candidate;
    }

    private static Column column(String name, List<String> path, FieldStats stats, boolean nullable) {
        LogicalType type = TypeMerge.of(stats);
        return new Column(new Field(name, type, nullable, String.join("|", stats.types())), path, stats.valueTypes());
    }
}
