package io.arus.core.engine;

import io.arus.core.model.RetrySpec;
import java.time.Duration;

/**
 * How a run rides out a source or destination it cannot reach: the stream starts again from its last stored offset
 * after an exponential backoff of 1, 2, 4... seconds, capped at {@code maxDelay}, until {@code attempts} retries in a
 * row failed.
 *
 * @param attempts retries in a row before the stream fails; 0 fails at once
 * @param maxDelay the longest wait between two attempts
 */
public record RetryPolicy(int attempts, Duration maxDelay) {
    /** The model's defaults ({@link RetrySpec#DEFAULT}). */
    public static final RetryPolicy DEFAULT = of(RetrySpec.DEFAULT);

    /**
     * @param spec the pipeline's retry settings
     * @return them in the engine's types
     */
    public static RetryPolicy of(RetrySpec spec) {
        return new RetryPolicy(spec.effectiveAttempts(), Duration.ofSeconds(spec.effectiveMaxDelaySeconds()));
    }

    /**
     * @param attempt the retry about to be made, from 1
     * @return how long to wait before it: 2^(attempt-1) seconds, at most {@link #maxDelay()}
     */
    public Duration delay(int attempt) {
        long seconds = 1L << Math.min(Math.max(attempt - 1, 0), 30);
        Duration delay = Duration.ofSeconds(seconds);
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }
}
