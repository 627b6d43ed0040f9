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

    /** @return a run's dead letters, oldest first */
    List<DeadLetter> byRun(String runId, int limit, int offset);

    /** @return a pipeline's dead letters not yet replayed, oldest first */
    List<DeadLetter> pending(String pipelineId, int limit);

    /** @return the dead letter */
    Optional<DeadLetter> byId(String id);

    /** Marks a dead letter replayed. */
    void replayed(String id, Instant at);

    /** @return how many dead letters a run has */
    long count(String runId);
}
