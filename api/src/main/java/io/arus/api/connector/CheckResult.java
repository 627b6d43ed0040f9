package io.arus.api.connector;

import java.util.Objects;

/**
 * The outcome of a connection test.
 *
 * @param ok      whether the system answered and the credentials work
 * @param message what a user should read: the server version on success, the cause and a hint on failure
 *                (never a secret)
 */
public record CheckResult(boolean ok, String message) {
    /** Checks the message is present. */
    public CheckResult {
        Objects.requireNonNull(message, "message");
    }

    /** @param message e.g. {@code "PostgreSQL 15.19"} @return a success */
    public static CheckResult ok(String message) {
        return new CheckResult(true, message);
    }

    /** @param message the cause and a hint @return a failure */
    public static CheckResult failed(String message) {
        return new CheckResult(false, message);
    }
}
