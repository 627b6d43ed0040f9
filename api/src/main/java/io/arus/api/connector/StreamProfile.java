package io.arus.api.connector;

import java.util.Map;
import java.util.Objects;

/**
 * Counts over a table, for the quality checks the engine runs after each stream.
 *
 * @param rowCount     rows counted
 * @param distinctKeys distinct values of the key columns, or -1 when no key was asked for
 * @param nullCounts   column name to the number of rows where it is null, for the columns asked for
 */
public record StreamProfile(long rowCount, long distinctKeys, Map<String, Long> nullCounts) {
    /** Copies the null counts. */
    public StreamProfile {
        nullCounts = Map.copyOf(Objects.requireNonNull(nullCounts, "nullCounts"));
    }
}
