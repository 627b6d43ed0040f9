package io.arus.core.engine;

import io.arus.core.store.Run;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** Starts and controls pipeline runs. */
@ProviderType
public interface RunService {
    /**
     * Queues a run; it starts as soon as a worker is free. A pipeline never runs twice at once.
     *
     * @param trigger {@code manual}, {@code api}, {@code schedule}, {@code dependency} or {@code shell}
     * @return the queued run
     * @throws IllegalStateException when the pipeline already has a queued or running run (the message says
     *                               which)
     * @throws java.util.NoSuchElementException when there is no such pipeline
     */
    Run start(String pipelineId, String trigger);

    /**
     * Asks a run to stop at the next batch boundary; what was flushed stays, offsets stay.
     *
     * @return the run, or empty when there is none
     */
    Optional<Run> cancel(String runId);

    /**
     * Pauses a running run: its streams wait at their next batch boundary with their offsets stored, holding
     * their connections, until {@link #resume} or {@link #cancel}. The run's status becomes {@code paused}.
     *
     * @param runId the run
     * @return the run as it is now, or empty when there is no such run
     */
    Optional<Run> pause(String runId);

    /**
     * @param runId a paused run
     * @return the run as it is now (running again), or empty when there is no such run
     */
    Optional<Run> resume(String runId);

    /**
     * @return this server's id among the nodes that share the metadata database (the run leases name it)
     * @since 2.5
     */
    String node();
}
