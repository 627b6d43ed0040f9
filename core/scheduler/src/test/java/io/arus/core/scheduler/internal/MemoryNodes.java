package io.arus.core.scheduler.internal;

import io.arus.core.store.ClusterNodeStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Nodes and their heartbeats in memory. */
final class MemoryNodes implements ClusterNodeStore {
    private final Map<String, Node> nodes = new TreeMap<>();

    @Override
    public synchronized void beat(String nodeId, Instant startedAt, Instant now) {
        nodes.put(nodeId, new Node(nodeId, startedAt, now));
    }

    @Override
    public synchronized List<Node> all() {
        return List.copyOf(nodes.values());
    }

    @Override
    public synchronized void forgetBefore(Instant before) {
        nodes.values().removeIf(node -> node.heartbeatAt().isBefore(before));
    }
}
