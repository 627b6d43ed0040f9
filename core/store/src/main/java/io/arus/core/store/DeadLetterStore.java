package io.arus.core.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** The dead-letter store. */
@ProviderType
public interface DeadLetterStore {
    /** @return the stored dead letter */
    DeadLetter add(String runId, String pipelineId, String stream, String reason, Map<String, Object> values);

    /**
     * Stores a row a transform step rejected.
     *
     * @param stepIndex the step's position in the stream's chain
     * @param stepType  the step's transform type
     * @param values    the row as it entered the chain, so that a replay can run the chain again
     * @return the stored dead letter
     * @since 1.6
     */
    DeadLetter add(String runId, String pipelineId, String stream, String reason, Map<String, Object> values,
                   int stepIndex, String stepType);

    /** @return a run's dead letters, oldest first */
    List<DeadLetter> byRun(String runId, int limit, int offset);

    /** @return a pipeline's dead letters not yet replayed, oldest first */
    List<DeadLetter> pending(String pipelineId, int limit);

    /** @return the dead letter */
    Optional<DeadLetter> byId(String id);

    /**
     * A replay ran the pipeline's current transform chain over a dead letter and a step rejected it again: it
     * stays a dead letter with the new reason and step.
     *
     * @throws IllegalArgumentException when there is no such dead letter
     * @since 1.6
     */
    void rejectedAgain(String id, String reason, int stepIndex, String stepType);

    /** Marks a dead letter replayed. */
    void replayed(String id, Instant at);

    /** @return how many dead letters a run has */
    long count(String runId);
}
