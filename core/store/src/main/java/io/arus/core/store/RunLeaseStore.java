package io.arus.core.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Leases of active runs: at most one per pipeline (the table's primary key), held by the node that runs it and
 * renewed while that node lives. A lease past its expiry belongs to a node that stopped answering: another claim
 * takes it over, and the run it held is no longer running anywhere.
 *
 * @since 2.2
 */
@ProviderType
public interface RunLeaseStore {
    /**
     * A run's lease on its pipeline.
     *
     * @param pipelineId  the pipeline
     * @param runId       the run (or, between claim and {@link #attach}, the claim's key)
     * @param nodeId      the node that runs it
     * @param heartbeatAt when the node last renewed it
     * @param expiresAt   when it lapses unless renewed
     */
    record Lease(String pipelineId, String runId, String nodeId, Instant heartbeatAt, Instant expiresAt) {
        /** @return whether it has lapsed at {@code now} */
        public boolean expiredAt(Instant now) {
            return !expiresAt.isAfter(now);
        }
    }

    /**
     * Claims a pipeline for a run about to start: inserts the lease, replacing one that has lapsed.
     *
     * @param pipelineId the pipeline
     * @param key        the claim's key (the run's id once {@link #attach} set it)
     * @param nodeId     this node
     * @param now        the time
     * @param ttl        how long the lease lasts without a renewal
     * @return empty when the claim holds, else the live lease that holds the pipeline
     */
    Optional<Lease> claim(String pipelineId, String key, String nodeId, Instant now, Duration ttl);

    /** Puts the run's id on the lease claimed with {@code key}. */
    void attach(String pipelineId, String key, String runId);

    /**
     * Extends every lease a node holds.
     *
     * @return how many it holds
     */
    int renew(String nodeId, Instant now, Duration ttl);

    /** Lets go of the lease of a run (or of a claim's key); nothing when there is none. */
    void release(String runId);

    /** @return every lease, live and lapsed */
    List<Lease> all();
}
