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
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CdcSpec(String until, @JsonProperty("lag_alert_seconds") Integer lagAlertSeconds) {
    /** Follows the log until stopped. */
    public static final String NEVER = "never";
    /** Drains to the position found at start, then ends. */
    public static final String CURRENT = "current";
    /** The lag past which {@code cdc_lag} fires when the pipeline does not say: five minutes. */
    public static final int DEFAULT_LAG_ALERT_SECONDS = 300;
    /** The largest lag threshold: a day. */
    public static final int MAX_LAG_ALERT_SECONDS = 86_400;

    /** A spec without a lag threshold of its own, as before version 1.2. */
    public CdcSpec(String until) {
        this(until, null);
    }

    /** @return whether a run keeps following the log */
    public boolean follows() {
        return !CURRENT.equals(until);
    }

    /** @return the lag threshold in seconds: the one given, else {@value #DEFAULT_LAG_ALERT_SECONDS} */
    public int effectiveLagAlertSeconds() {
        return lagAlertSeconds == null ? DEFAULT_LAG_ALERT_SECONDS : lagAlertSeconds;
    }
}
