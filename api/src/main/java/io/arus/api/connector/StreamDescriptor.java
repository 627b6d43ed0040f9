package io.arus.api.connector;

import io.arus.api.type.Schema;
import java.util.List;
import java.util.Objects;

/**
 * What discovery found about one stream.
 *
 * @param id                the stream's namespace and name
 * @param schema            its columns, with logical and native types and nullability
 * @param primaryKey        the primary-key column names in key order; empty when it has none
 * @param cursorCandidates  columns usable as an incremental cursor, best first (the engine picks the first
 *                          of {@code updated_at}, {@code modified_at}, {@code last_modified}, {@code updated},
 *                          {@code created_at} among them unless the user chooses)
 * @param rowEstimate       an estimate of the number of rows, or -1 when unknown
 */
public record StreamDescriptor(StreamId id, Schema schema, List<String> primaryKey, List<String> cursorCandidates,
                               long rowEstimate) {
    /** Copies the lists and checks every named column exists. */
    public StreamDescriptor {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(schema, "schema");
        primaryKey = List.copyOf(primaryKey);
        cursorCandidates = List.copyOf(cursorCandidates);
        for (String column : primaryKey) {
            if (schema.indexOf(column).isEmpty()) {
                throw new IllegalArgumentException(id + ": primary key column " + column + " is not in the schema");
            }
        }
        for (String column : cursorCandidates) {
            if (schema.indexOf(column).isEmpty()) {
                throw new IllegalArgumentException(id + ": cursor column " + column + " is not in the schema");
            }
        }
    }
}
