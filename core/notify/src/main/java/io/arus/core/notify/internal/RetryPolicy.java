package io.arus.core.notify.internal;

import io.arus.api.notify.NotificationException;
import java.time.Duration;
import java.util.Optional;

/**
 * When to try a failed delivery again: only a retryable failure, up to {@code maxAttempts} attempts in all, after
 * an exponential backoff ({@code firstDelay}, then times {@code factor} each time). A receiver that asked to be
 * left alone longer (a 429's {@code Retry-After}) is waited for, up to {@code longestWait}.
 *
 * @param maxAttempts attempts in all, the first included
 * @param firstDelay  the wait before the second attempt
 * @param factor      how much longer each further wait is
 * @param longestWait the most a {@code Retry-After} may stretch a wait to
 */
record RetryPolicy(int maxAttempts, Duration firstDelay, int factor, Duration longestWait) {
    /** 4 attempts: now, after 1 s, 4 s and 16 s; a Retry-After up to 5 minutes is honoured. */
    static final RetryPolicy STANDARD = new RetryPolicy(4, Duration.ofSeconds(1), 4, Duration.ofMinutes(5));

    RetryPolicy {
        if (maxAttempts < 1 || factor < 1 || firstDelay.isNegative() || longestWait.isNegative()) {
            throw new IllegalArgumentException("invalid retry policy");
        }
    }

    /**
     * @param attempt the attempt that just failed, counted from 1
     * @param failure how it failed
     * @return how long to wait before the next attempt, or empty when there is none
     */
    Optional<Duration> next(int attempt, NotificationException failure) {
        if (!failure.isRetryable() || attempt >= maxAttempts) {
            return Optional.empty();
        }
        Duration backoff = firstDelay;
        for (int i = 1; i < attempt; i++) {
            backoff = backoff.multipliedBy(factor);
        }
        Duration wait = backoff;
        Optional<Duration> asked = RetryAfterHint.of(failure);
        if (asked.isPresent() && asked.get().compareTo(wait) > 0) {
            wait = asked.get().compareTo(longestWait) > 0 ? longestWait : asked.get();
        }
        return Optional.of(wait);
    }
}
