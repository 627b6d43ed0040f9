package io.arus.core.notify.internal;

import io.arus.core.store.Pipeline;
import io.arus.core.store.PipelineStore;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Pipelines in a map, for tests: only what the dispatcher reads. */
final class MemoryPipelines implements PipelineStore {
    final Map<String, Pipeline> pipelines = new HashMap<>();

    void add(String id, String name) {
        pipelines.put(id, new Pipeline(id, name, "s", "d", Map.of(), true, null, null, List.of(), Instant.EPOCH,
                Instant.EPOCH));
    }

    @Override
    public List<Pipeline> list() {
        return List.copyOf(pipelines.values());
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
