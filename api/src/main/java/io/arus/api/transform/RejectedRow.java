package io.arus.api.transform;

import java.util.Objects;

/**
 * A row a transform or destination refused, bound for the dead-letter store.
 *
 * @param values the row as it came in
 * @param reason why, in words a user can act on (e.g. {@code "email: not a valid address"})
 */
public record RejectedRow(Object[] values, String reason) {
    /** Checks both parts are present. */
    public RejectedRow {
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(reason, "reason");
    }
}
