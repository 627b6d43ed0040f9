package io.arus.api.notify;

/** A notification could not be delivered. */
public class NotificationException extends Exception {
    private static final long serialVersionUID = 1L;

    private final boolean retryable;

    /**
     * @param message   what happened (never a secret: no tokens or webhook URLs)
     * @param retryable whether trying again later may succeed (a timeout, a 5xx answer, a 429)
     * @param cause     the underlying exception, or null
     */
    public NotificationException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    /** @return whether trying again later may succeed */
    public boolean isRetryable() {
        return retryable;
    }
}
