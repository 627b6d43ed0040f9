package io.arus.core.store;

import java.time.Instant;

/**
 * One run of a pipeline.
 *
 * @param id         a UUID
 * @param pipelineId the pipeline
 * @param status     where it is
 * @param trigger    {@code manual}, {@code api}, {@code schedule}, {@code dependency} or {@code shell}
 * @param createdAt  when it was queued
 * @param startedAt  when it started, or null
 * @param endedAt    when it ended, or null
 * @param error      why it failed, or null
 */
public record Run(String id, String pipelineId, RunStatus status, String trigger, Instant createdAt, Instant startedAt,
                  Instant endedAt, String error) {
}
