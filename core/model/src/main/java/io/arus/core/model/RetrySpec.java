package io.arus.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How a run rides out a source or destination that cannot be reached (a connector failure of kind
 * {@code CONNECTION}): the stream is started again from its last stored offset after 1, 2, 4... seconds, each
 * wait at most {@code max_delay_seconds}, until {@code attempts} retries in a row found it still unreachable. A
 * retry that moved rows on starts the count again, so a long-running change-capture run survives any number of
 * outages that each heal.
 *
 * @param attempts        retries in a row before the stream fails (0 to 100, 0: fail at once; default
 *                        {@value #DEFAULT_ATTEMPTS}); null when not given
 * @param maxDelaySeconds the longest wait between two attempts (1 to 3600, default {@value #DEFAULT_MAX_DELAY_SECONDS});
 *                        null when not given
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RetrySpec(Integer attempts, @JsonProperty("max_delay_seconds") Integer maxDelaySeconds) {
    /** Retries in a row when the pipeline does not say: with the default delays, about three minutes of outage. */
    public static final int DEFAULT_ATTEMPTS = 8;
    /** The most retries in a row. */
    public static final int MAX_ATTEMPTS = 100;
    /** The longest wait between attempts when the pipeline does not say. */
    public static final int DEFAULT_MAX_DELAY_SECONDS = 60;
    /** The longest wait between attempts: an hour. */
    public static final int MAX_MAX_DELAY_SECONDS = 3600;

    /** The defaults. */
    public static final RetrySpec DEFAULT = new RetrySpec(DEFAULT_ATTEMPTS, DEFAULT_MAX_DELAY_SECONDS);

    /** @return the attempts: the ones given, else {@value #DEFAULT_ATTEMPTS} */
    public int effectiveAttempts() {
        return attempts == null ? DEFAULT_ATTEMPTS : attempts;
    }

    /** @return the longest delay in seconds: the one given, else {@value #DEFAULT_MAX_DELAY_SECONDS} */
    public int effectiveMaxDelaySeconds() {
        return maxDelaySeconds == null ? DEFAULT_MAX_DELAY_SECONDS : maxDelaySeconds;
    }
}
