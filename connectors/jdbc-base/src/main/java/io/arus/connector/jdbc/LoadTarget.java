package io.arus.connector.jdbc;

import io.arus.api.type.Schema;
import java.util.List;
import java.util.Objects;

/**
 * Where a {@link RowLoader} puts one flush worth of rows.
 *
 * @param namespace  the schema or database of the table (never empty: resolved to the session's default)
 * @param table      the table name (the target, or its REPLACE staging table)
 * @param schema     the columns of the rows, in row order
 * @param primaryKey the key columns; rows are already unique by key when {@code merge} is set
 * @param merge      whether rows merge by primary key (UPSERT) instead of being inserted
 * @param exactTypes whether every column of the table has exactly the dialect's write type for its field (a table
 *                   Arus created), so that a loader may write its native binary format straight into it
 */
public record LoadTarget(String namespace, String table, Schema schema, List<String> primaryKey, boolean merge,
                         boolean exactTypes) {
    /** Checks the target is complete. */
    public LoadTarget {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(schema, "schema");
        primaryKey = List.copyOf(primaryKey);
        if (merge && primaryKey.isEmpty()) {
            throw new IllegalArgumentException(table + ": a merge needs a primary key");
        }
    }
}
