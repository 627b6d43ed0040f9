package io.arus.core.service;

import io.arus.core.store.Run;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Starting and steering runs ({@code POST /api/pipelines/{id}/runs}, {@code /api/runs/{id}/cancel|pause|resume},
 * {@code arus:run}, {@code arus:cancel}...), editors only. A run works outside any transaction of the metadata
 * database, so each call is audited before it takes effect.
 */
@ProviderType
public interface RunControlService {
    /**
     * Queues a run; it starts as soon as a worker is free.
     *
     * @param trigger {@code api}, {@code manual} or {@code shell}
     * @throws NotFoundException  when there is no such pipeline
     * @throws ConflictException  when the pipeline already has a queued or running run
     * @throws ForbiddenException unless the actor is an editor
     */
    Run start(Actor actor, String pipelineId, String trigger);

    /**
     * Stops the run at its next batch boundary; what was flushed stays, and so do the offsets.
     *
     * @return the run as it is now
     * @throws NotFoundException when there is no such run
     * @throws ConflictException when it already ended
     */
    Run cancel(Actor actor, String runId);

    /**
     * Pauses a running run at its next batch boundary, offsets stored.
     *
     * @throws ConflictException unless it is running
     */
    Run pause(Actor actor, String runId);

    /**
     * Resumes a paused run from where its streams wait.
     *
     * @throws ConflictException unless it is paused
     */
    Run resume(Actor actor, String runId);
}
