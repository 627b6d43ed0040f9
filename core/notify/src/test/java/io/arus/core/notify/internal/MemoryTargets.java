package io.arus.core.notify.internal;

import io.arus.core.store.NotificationSubscription;
import io.arus.core.store.NotificationTarget;
import io.arus.core.store.NotificationTargetStore;
import io.arus.core.store.SubscribingPipeline;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Targets and subscriptions in maps, for tests: only what the dispatcher reads. */
final class MemoryTargets implements NotificationTargetStore {
    final Map<String, NotificationTarget> targets = new LinkedHashMap<>();
    final Map<String, List<NotificationSubscription>> subscriptions = new HashMap<>();

    NotificationTarget add(String id, String name, String type, Map<String, Object> config) {
        NotificationTarget target = new NotificationTarget(id, name, type, config, Instant.EPOCH, Instant.EPOCH);
        targets.put(id, target);
        return target;
    }

    @Override
    public List<NotificationTarget> list() {
        return List.copyOf(targets.values());
    }

    @Override
    public Optional<NotificationTarget> byId(String id) {
        return Optional.ofNullable(targets.get(id));
    }

    @Override
    public NotificationTarget create(String name, String type, Map<String, Object> config) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<NotificationTarget> update(String id, String name, String type, Map<String, Object> config) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean delete(String id) {
        return targets.remove(id) != null;
    }

    @Override
    public List<NotificationSubscription> subscriptions(String pipelineId) {
        return subscriptions.getOrDefault(pipelineId, List.of());
    }

    @Override
    public Map<String, List<NotificationSubscription>> allSubscriptions() {
        return Map.copyOf(subscriptions);
    }

    @Override
    public void setSubscriptions(String pipelineId, List<NotificationSubscription> list) {
        subscriptions.put(pipelineId, List.copyOf(list));
    }

    @Override
    public List<SubscribingPipeline> subscribers(String targetId) {
        throw new UnsupportedOperationException();
    }
}
