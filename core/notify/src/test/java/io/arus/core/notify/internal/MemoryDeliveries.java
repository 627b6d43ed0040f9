package io.arus.core.notify.internal;

import io.arus.core.store.ClusterNodeStore;
import io.arus.core.store.NotificationDeliveryStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Deliveries and nodes in memory, as the metadata database keeps them. */
final class MemoryDeliveries implements NotificationDeliveryStore, ClusterNodeStore {
    final Map<String, Delivery> rows = new LinkedHashMap<>();
    final Map<String, Node> nodes = new LinkedHashMap<>();

    @Override
    public synchronized void add(Delivery delivery) {
        rows.put(delivery.id(), delivery);
    }

    @Override
    public synchronized boolean reschedule(String id, String nodeId, int attempt, Instant dueAt) {
        Delivery row = rows.get(id);
        if (row == null || !row.nodeId().equals(nodeId)) {
            return false;
        }
        rows.put(id, row.next(attempt, dueAt));
        return true;
    }

    @Override
    public synchronized void remove(String id) {
        rows.remove(id);
    }

    @Override
    public synchronized boolean owns(String id, String nodeId) {
        return rows.containsKey(id) && rows.get(id).nodeId().equals(nodeId);
    }

    @Override
    public synchronized List<Delivery> ofNode(String nodeId) {
        return rows.values().stream().filter(d -> d.nodeId().equals(nodeId))
                .sorted(Comparator.comparing(Delivery::dueAt)).toList();
    }

    @Override
    public synchronized List<Delivery> takeOver(Collection<String> liveNodes, String toNode) {
        List<Delivery> taken = new ArrayList<>();
        for (Delivery d : rows.values().stream().filter(d -> !liveNodes.contains(d.nodeId()))
                .sorted(Comparator.comparing(Delivery::dueAt)).toList()) {
            Delivery moved = new Delivery(d.id(), d.targetId(), toNode, d.attempt(), d.dueAt(), d.traceparent(),
                    d.notification());
            rows.put(d.id(), moved);
            taken.add(moved);
        }
        return taken;
    }

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
        nodes.values().removeIf(n -> n.heartbeatAt().isBefore(before));
    }
}
