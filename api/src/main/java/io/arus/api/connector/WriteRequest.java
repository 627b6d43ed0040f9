package io.arus.api.connector;

import io.arus.api.type.Schema;
import java.util.List;
import java.util.Objects;

/**
 * What the engine asks a destination to write.
 *
 * @param target     the target namespace (schema or database) and table; the writer creates them when missing
 * @param schema     the columns the batches carry
 * @param primaryKey the key columns, required for {@link WriteMode#UPSERT} and for deletes
 * @param writeMode  how rows land
 * @param uniqueKeys whether the source guarantees that no two rows share a key (the key is the source's own, with
 *                   no transform step in between): a {@link WriteMode#REPLACE} may then load its staging table
 *                   without the key constraint and add it once the load is complete, which is cheaper than
 *                   checking every row on the way; a row refused for its key is then refused by
 *                   {@link StreamWriter#complete()}, not by the flush of its batch
 */
public record WriteRequest(StreamId target, Schema schema, List<String> primaryKey, WriteMode writeMode,
                           boolean uniqueKeys) {
    /** Checks the request is complete and consistent. */
    public WriteRequest {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(writeMode, "writeMode");
        primaryKey = primaryKey == null ? List.of() : List.copyOf(primaryKey);
        if (writeMode == WriteMode.UPSERT && primaryKey.isEmpty()) {
            throw new IllegalArgumentException(target + ": upsert needs a primary key");
        }
        for (String column : primaryKey) {
            if (schema.indexOf(column).isEmpty()) {
                throw new IllegalArgumentException(target + ": primary key column " + column + " is not in the schema");
            }
        }
    }

    /** A request whose keys the source does not promise unique. */
    public WriteRequest(StreamId target, Schema schema, List<String> primaryKey, WriteMode writeMode) {
        this(target, schema, primaryKey, writeMode, false);
    }
}
