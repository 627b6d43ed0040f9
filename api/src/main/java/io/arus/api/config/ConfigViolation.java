package io.arus.api.config;

import java.util.Objects;

/**
 * One reason a configuration is not valid.
 *
 * @param field   the name of the offending field, as in the spec (or as sent, for an unknown field)
 * @param message what is wrong, in words a user can act on
 */
public record ConfigViolation(String field, String message) {
    /** Checks that both parts are present. */
    public ConfigViolation {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
