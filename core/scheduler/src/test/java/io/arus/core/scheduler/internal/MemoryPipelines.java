package io.arus.core.scheduler.internal;

import io.arus.core.store.Pipeline;
import io.arus.core.store.PipelineStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Pipelines in a map, for tests. */
final class MemoryPipelines implements PipelineStore {
    private final Map<String, Pipeline> pipelines = new ConcurrentHashMap<>();

    /** Stores a pipeline with one stream and the given schedule, upstreams and definition extras. */
    Pipeline add(String name, boolean enabled, String cron, String timezone, List<String> dependsOn,
                 Map<String, Object> extra) {
        Map<String, Object> definition = new java.util.HashMap<>(extra);
        definition.put("streams", List.of(Map.of("name", "public.orders")));
        Pipeline pipeline = new Pipeline(UUID.randomUUID().toString(), name, "source", "destination", definition,
                enabled, cron, timezone, dependsOn, Instant.EPOCH, Instant.EPOCH);
        pipelines.put(pipeline.id(), pipeline);
        return pipeline;
    }

    Pipeline scheduled(String name, String cron) {
        return add(name, true, cron, null, List.of(), Map.of());
    }

    void put(Pipeline pipeline) {
        pipelines.put(pipeline.id(), pipeline);
    }

    static Pipeline withSchedule(Pipeline p, boolean enabled, String cron, String timezone) {
        return new Pipeline(p.id(), p.name(), p.sourceId(), p.destinationId(), p.definition(), enabled, cron, timezone,
                p.dependsOn(), p.createdAt(), Instant.now());
    }

    @Override
    public List<Pipeline> list() {
        List<Pipeline> all = new ArrayList<>(pipelines.values());
        all.sort(Comparator.comparing(Pipeline::name));
        return all;
    }

    @Override
    public Optional<Pipeline> byId(String id) {
        return Optional.ofNullable(pipelines.get(id));
    }

    @Override
    public Pipeline create(Pipeline pipeline) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<Pipeline> update(Pipeline pipeline) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean delete(String id) {
        return pipelines.remove(id) != null;
    }
}
