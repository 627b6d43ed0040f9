package io.arus.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How the change-capture streams ({@code sync_mode: cdc}) of a pipeline run.
 *
 * @param until           {@code never} (the default): a run follows the change log until it is stopped or paused,
 *                        and a server restart resumes it; {@code current}: a run drains the log up to the position
 *                        current when it started and ends, for schedules
 * @param lagAlertSeconds how many seconds a stream may be behind its source before the pipeline's {@code cdc_lag}
 *                        notification fires (1 to 86400, default {@value #DEFAULT_LAG_ALERT_SECONDS}); null when
 *                        not given (since 1.2)
 * @param checkpointSeconds the longest a change-capture stream gathers changes before it writes them and stores its
 *                          position (1 to 3600, default {@value #DEFAULT_CHECKPOINT_SECONDS}); a batch also ends at
 *                          {@code batch_size} changes. Longer means fewer, larger writes and more lag; null when
 *                          not given (since 1.3)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CdcSpec(String until, @JsonProperty("lag_alert_seconds") Integer lagAlertSeconds,
                      @JsonProperty("checkpoint_seconds") Integer checkpointSeconds) {
    /** Follows the log until stopped. */
    public static final String NEVER = "never";
    /** Drains to the position found at start, then ends. */
    public static final String CURRENT = "current";
    /** The lag past which {@code cdc_lag} fires when the pipeline does not say: five minutes. */
    public static final int DEFAULT_LAG_ALERT_SECONDS = 300;
    /** The largest lag threshold: a day. */
    public static final int MAX_LAG_ALERT_SECONDS = 86_400;

    /** The checkpoint interval when the pipeline does not say: a second. */
    public static final int DEFAULT_CHECKPOINT_SECONDS = 1;
    /** The longest checkpoint interval: an hour. */
    public static final int MAX_CHECKPOINT_SECONDS = 3600;

    /** A spec without a lag threshold of its own, as before version 1.2. */
    public CdcSpec(String until) {
        this(until, null, null);
    }

    /** A spec without a checkpoint interval of its own, as before version 1.3. */
    public CdcSpec(String until, Integer lagAlertSeconds) {
        this(until, lagAlertSeconds, null);
    }

    /** @return whether a run keeps following the log */
    public boolean follows() {
        return !CURRENT.equals(until);
    }

    /** @return the checkpoint interval in seconds: the one given, else {@value #DEFAULT_CHECKPOINT_SECONDS} */
    public int effectiveCheckpointSeconds() {
        return checkpointSeconds == null ? DEFAULT_CHECKPOINT_SECONDS : checkpointSeconds;
    }

    /** @return the lag threshold in seconds: the one given, else {@value #DEFAULT_LAG_ALERT_SECONDS} */
    public int effectiveLagAlertSeconds() {
        return lagAlertSeconds == null ? DEFAULT_LAG_ALERT_SECONDS : lagAlertSeconds;
    }
}
