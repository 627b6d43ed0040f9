package io.arus.notifier.base;

import io.arus.api.config.ConfigException;
import io.arus.api.notify.NotificationException;

/**
 * The {@link NotificationException}s notifiers throw, worded alike, with secrets kept out. Retryable means the
 * server's dispatcher may try again later with backoff; permanent means the target must be fixed first.
 */
public final class DeliveryFailure {
    private DeliveryFailure() {
    }

    /**
     * @param invalid what is wrong with the target's configuration (it names fields, never their values)
     * @return a permanent failure
     */
    public static NotificationException invalidTarget(ConfigException invalid) {
        return new NotificationException(invalid.getMessage(), false, invalid);
    }

    /**
     * @param target   what could not be reached, safe to show, e.g. {@code "Slack webhook at https://hooks.slack.com"}
     * @param failure  the I/O failure
     * @param redactor hides the target's secrets in the failure's messages
     * @return a retryable failure
     */
    public static NotificationException unreachable(String target, Throwable failure, Redactor redactor) {
        return new NotificationException(target + " could not be reached: " + redactor.describe(failure), true,
                redactor.sanitize(failure));
    }

    /**
     * @param target what was interrupted, safe to show
     * @param cause  the interruption
     * @return a retryable failure; the caller has restored the thread's interrupt flag
     */
    public static NotificationException interrupted(String target, InterruptedException cause) {
        return new NotificationException("interrupted while notifying " + target, true, cause);
    }
}
