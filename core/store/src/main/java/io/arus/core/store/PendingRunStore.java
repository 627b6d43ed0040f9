package io.arus.core.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Runs that wait for their pipeline's current run to end ({@code overlap_policy: queue}): one per pipeline at most,
 * kept in the metadata database so that a restart does not forget them.
 *
 * @since 2.2
 */
@ProviderType
public interface PendingRunStore {
    /**
     * A waiting run.
     *
     * @param pipelineId its pipeline
     * @param trigger    what asked for it ({@code schedule}, {@code dependency})
     * @param queuedAt   when
     */
    record PendingRun(String pipelineId, String trigger, Instant queuedAt) {
    }

    /**
     * Queues a run unless one already waits for the pipeline.
     *
     * @return the run that waits now: this one, or the one queued before it (which the trigger merges into)
     */
    PendingRun queue(String pipelineId, String trigger, Instant at);

    /** @return the pipeline's waiting run, removed from the queue, if there was one */
    Optional<PendingRun> take(String pipelineId);

    /** Forgets the pipeline's waiting run, if any. */
    void drop(String pipelineId);

    /** @return every waiting run, oldest first */
    List<PendingRun> all();
}
