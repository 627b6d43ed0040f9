package io.arus.core.security;

/** Too many failed logins from one client address. */
public class RateLimitedException extends Exception {
    private static final long serialVersionUID = 1L;

    private final long retryAfterSeconds;

    /** @param retryAfterSeconds when the caller may try again */
    public RateLimitedException(long retryAfterSeconds) {
        super("too many failed logins; try again in " + retryAfterSeconds + " s");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** @return seconds until the next attempt is allowed */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
