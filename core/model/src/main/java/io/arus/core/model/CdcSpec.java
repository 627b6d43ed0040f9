package io.arus.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * How the change-capture streams ({@code sync_mode: cdc}) of a pipeline run.
 *
 * @param until {@code never} (the default): a run follows the change log until it is stopped or paused, and a
 *              server restart resumes it; {@code current}: a run drains the log up to the position current when it
 *              started and ends, for schedules
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CdcSpec(String until) {
    /** Follows the log until stopped. */
    public static final String NEVER = "never";
    /** Drains to the position found at start, then ends. */
    public static final String CURRENT = "current";

    /** @return whether a run keeps following the log */
    public boolean follows() {
        return !CURRENT.equals(until);
    }
}
