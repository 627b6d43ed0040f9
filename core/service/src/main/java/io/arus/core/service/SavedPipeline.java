package io.arus.core.service;

import io.arus.core.model.PipelineSpec;
import java.time.Instant;

/**
 * A stored pipeline: its id and times beside what a client wrote, defaults applied and its notification
 * subscriptions filled in ({@link PipelineSpec#notifications()} is never null here).
 *
 * @param id        a UUID
 * @param spec      the pipeline
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 */
public record SavedPipeline(String id, PipelineSpec spec, Instant createdAt, Instant updatedAt) {
}
