package io.arus.connector.mongodb;

import io.arus.api.type.Field;
import java.util.List;
import java.util.Set;

/**
 * One column of a collection's stream: its field, where its value sits in a document (a top-level field, or a
 * nested one when documents are flattened) and the BSON types the sample held there.
 *
 * @param field     the column as the schema shows it
 * @param path      the keys from the document root to the value
 * @param bsonTypes the native type names seen, null excluded
 */
record Column(Field field, List<String> path, Set<String> bsonTypes) {
    /** Copies the path and types. */
    Column {
        path = List.copyOf(path);
        bsonTypes = Set.copyOf(bsonTypes);
    }

    /** @return the column name */
    String name() {
        return field.name();
    }

    /** @return the path as MongoDB queries name it, e.g. {@code address.city} */
    String dottedPath() {
        return String.join(".", path);
    }
}
