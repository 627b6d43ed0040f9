package io.arus.core.store;

import java.time.Instant;

/**
 * Which runs to list; a null part does not filter.
 *
 * @param pipelineId the pipeline
 * @param status     the status
 * @param trigger    what started them ({@code manual}, {@code schedule}...)
 * @param since      created at or after
 * @param until      created before
 * @since 1.4
 */
public record RunFilter(String pipelineId, RunStatus status, String trigger, Instant since, Instant until) {
    /** Every run. */
    public static final RunFilter ALL = new RunFilter(null, null, null, null, null);
}
