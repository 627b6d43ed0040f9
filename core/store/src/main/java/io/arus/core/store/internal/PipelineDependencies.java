package io.arus.core.store.internal;

import io.arus.core.store.ConflictException;
import jakarta.persistence.EntityManager;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The rows of {@code pipeline_dependencies}, read and written inside the caller's transaction. */
final class PipelineDependencies {
    private PipelineDependencies() {
    }

    /** @return the ids as a store keeps them: sorted, each once (the table has no order and no duplicates) */
    static List<String> normalize(Collection<String> upstreamIds) {
        return upstreamIds == null ? List.of() : List.copyOf(new TreeSet<>(upstreamIds));
    }

    /** @return the upstream ids of every pipeline that has some, each list sorted */
    static Map<String, List<String>> all(EntityManager em) {
        Map<String, List<String>> upstreams = new HashMap<>();
        for (PipelineDependencyEntity dependency : em.createQuery(
                "SELECT d FROM PipelineDependencyEntity d ORDER BY d.pipelineId, d.upstreamId",
                PipelineDependencyEntity.class).getResultList()) {
            upstreams.computeIfAbsent(dependency.pipelineId, id -> new ArrayList<>()).add(dependency.upstreamId);
        }
        return upstreams;
    }

    /** @return the upstream ids of one pipeline, sorted */
    static List<String> of(EntityManager em, String pipelineId) {
        return em.createQuery("SELECT d.upstreamId FROM PipelineDependencyEntity d WHERE d.pipelineId = :id"
                + " ORDER BY d.upstreamId", String.class).setParameter("id", pipelineId).getResultList();
    }

    /**
     * Replaces the upstreams of a pipeline whose row is already flushed.
     *
     * @param upstreamIds as {@link #normalize} returns them
     * @throws ConflictException when an upstream does not exist or the new set closes a cycle
     */
    static void replace(EntityManager em, String pipelineId, List<String> upstreamIds) throws ConflictException {
        em.createQuery("DELETE FROM PipelineDependencyEntity d WHERE d.pipelineId = :id")
                .setParameter("id", pipelineId).executeUpdate();
        if (upstreamIds.isEmpty()) {
            return;
        }
        Map<String, String> names = names(em);
        for (String upstreamId : upstreamIds) {
            if (!names.containsKey(upstreamId)) {
                throw new ConflictException("upstream " + upstreamId + " does not exist");
            }
        }
        Map<String, List<String>> graph = all(em);
        graph.put(pipelineId, upstreamIds);
        List<String> cycle = cycleThrough(pipelineId, graph);
        if (!cycle.isEmpty()) {
            throw new ConflictException("dependency cycle: "
                    + String.join(" -> ", cycle.stream().map(names::get).toList()));
        }
        for (String upstreamId : upstreamIds) {
            PipelineDependencyEntity dependency = new PipelineDependencyEntity();
            dependency.pipelineId = pipelineId;
            dependency.upstreamId = upstreamId;
            em.persist(dependency);
        }
        // another transaction deleted an upstream, or replaced the same upstreams, since the checks above
        Constraints.flush(em, "the upstreams of the pipeline changed meanwhile, try again",
                "an upstream of the pipeline no longer exists");
    }

    private static Map<String, String> names(EntityManager em) {
        Map<String, String> names = new HashMap<>();
        for (Object[] row : em.createQuery("SELECT p.id, p.name FROM PipelineEntity p", Object[].class)
                .getResultList()) {
            names.put((String) row[0], (String) row[1]);
        }
        return names;
    }

    /**
     * A breadth-first walk up from the pipeline: before saving, the graph had no cycle, so a new one must pass
     * through the pipeline whose upstreams change.
     *
     * @return the ids along the shortest cycle, starting and ending with {@code pipelineId}, or empty when none
     */
    private static List<String> cycleThrough(String pipelineId, Map<String, List<String>> graph) {
        Map<String, String> reachedFrom = new HashMap<>();
        Deque<String> pending = new ArrayDeque<>(List.of(pipelineId));
        while (!pending.isEmpty()) {
            String current = pending.removeFirst();
            for (String upstream : graph.getOrDefault(current, List.of())) {
                if (upstream.equals(pipelineId)) {
                    return path(pipelineId, current, reachedFrom);
                }
                if (reachedFrom.putIfAbsent(upstream, current) == null) {
                    pending.addLast(upstream);
                }
            }
        }
        return List.of();
    }

    private static List<String> path(String pipelineId, String last, Map<String, String> reachedFrom) {
        LinkedList<String> path = new LinkedList<>(List.of(pipelineId));
        for (String step = last; !step.equals(pipelineId); step = reachedFrom.get(step)) {
            path.addFirst(step);
        }
        path.addFirst(pipelineId);
        return path;
    }
}
