package io.arus.core.store;

import java.time.Instant;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The servers (nodes) that use this metadata database, with their heartbeats.
 *
 * @since 2.2
 */
@ProviderType
public interface ClusterNodeStore {
    /**
     * A node.
     *
     * @param nodeId      its id
     * @param startedAt   when it started
     * @param heartbeatAt when it last said it lives
     */
    record Node(String nodeId, Instant startedAt, Instant heartbeatAt) {
    }

    /** Records that a node lives (inserting it on its first heartbeat). */
    void beat(String nodeId, Instant startedAt, Instant now);

    /** @return every node, by id */
    List<Node> all();

    /** Forgets nodes whose last heartbeat is older than {@code before} (long gone). */
    void forgetBefore(Instant before);
}
