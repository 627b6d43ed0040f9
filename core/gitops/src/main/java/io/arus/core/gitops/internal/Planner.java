package io.arus.core.gitops.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.arus.api.config.ConfigViolation;
import io.arus.core.gitops.ApplyPlan;
import io.arus.core.gitops.ApplyPlan.Action;
import io.arus.core.model.InvalidModelException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiPredicate;

/**
 * Compares what the server holds with what a document asks for, both in their {@link Canonical} form, and lists the
 * changes in the order they can be made: sources, destinations and notification targets created or updated, then
 * pipelines (each after the pipelines it depends on), then, when pruning, the pipelines the document no longer
 * names (dependents first), then its targets, destinations and sources.
 */
public final class Planner {
    private Planner() {
    }

    /**
     * @param current  what the server holds
     * @param desired  what the document asks for
     * @param prunable which objects the document does not name are deleted (kind, name): none, all, or those an
     *                 earlier folder apply created
     * @return the changes, empty when the document matches the server
     * @throws InvalidModelException naming each reference to an object that will not exist (full paths such as
     *                               {@code pipelines[orders].source}), or a cycle of depends_on
     */
    public static List<ApplyPlan.Change> plan(State current, State desired, BiPredicate<Kind, String> prunable) {
        Set<String> deleted = new TreeSet<>();
        for (Kind kind : Kind.ALL) {
            for (String name : current.of(kind).keySet()) {
                if (!desired.has(kind, name) && prunable.test(kind, name)) {
                    deleted.add(kind.section() + "/" + name);
                }
            }
        }
        checkReferences(current, desired, deleted);
        List<ApplyPlan.Change> changes = new ArrayList<>();
        for (Kind kind : List.of(Kind.SOURCE, Kind.DESTINATION, Kind.NOTIFICATION_TARGET)) {
            for (Map.Entry<String, ObjectNode> object : desired.of(kind).entrySet()) {
                change(kind, object.getKey(), current.get(kind, object.getKey()), object.getValue(), changes);
            }
        }
        for (String name : dependencyOrder(desired)) {
            change(Kind.PIPELINE, name, current.get(Kind.PIPELINE, name), desired.get(Kind.PIPELINE, name), changes);
        }
        List<String> pipelinesGone = new ArrayList<>(dependencyOrder(current));
        java.util.Collections.reverse(pipelinesGone);
        for (String name : pipelinesGone) {
            if (deleted.contains(Kind.PIPELINE.section() + "/" + name)) {
                changes.add(new ApplyPlan.Change(Kind.PIPELINE.id(), name, Action.DELETE, List.of()));
            }
        }
        for (Kind kind : List.of(Kind.NOTIFICATION_TARGET, Kind.DESTINATION, Kind.SOURCE)) {
            for (String name : current.of(kind).keySet()) {
                if (deleted.contains(kind.section() + "/" + name)) {
                    changes.add(new ApplyPlan.Change(kind.id(), name, Action.DELETE, List.of()));
                }
            }
        }
        return changes;
    }

    private static void change(Kind kind, String name, ObjectNode current, ObjectNode desired,
                               List<ApplyPlan.Change> changes) {
        if (current == null) {
            changes.add(new ApplyPlan.Change(kind.id(), name, Action.CREATE, List.of()));
            return;
        }
        List<String> fields = FieldDiff.between(current, desired);
        if (!fields.isEmpty()) {
            changes.add(new ApplyPlan.Change(kind.id(), name, Action.UPDATE, fields));
        }
    }

    private static void checkReferences(State current, State desired, Set<String> deleted) {
        List<ConfigViolation> errors = new ArrayList<>();
        for (Map.Entry<String, ObjectNode> p : desired.of(Kind.PIPELINE).entrySet()) {
            String at = Kind.PIPELINE.section() + "[" + p.getKey() + "].";
            ObjectNode pipeline = p.getValue();
            reference(Kind.SOURCE, pipeline.path("source").asText(), at + "source", current, desired, deleted, errors);
            reference(Kind.DESTINATION, pipeline.path("destination").asText(), at + "destination", current, desired,
                    deleted, errors);
            JsonNode upstream = pipeline.path("depends_on");
            for (int i = 0; i < upstream.size(); i++) {
                reference(Kind.PIPELINE, upstream.get(i).asText(), at + "depends_on[" + i + "]", current, desired,
                        deleted, errors);
            }
            JsonNode notifications = pipeline.path("notifications");
            for (int i = 0; i < notifications.size(); i++) {
                reference(Kind.NOTIFICATION_TARGET, notifications.get(i).path("target").asText(),
                        at + "notifications[" + i + "].target", current, desired, deleted, errors);
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidModelException(errors);
        }
    }

    private static void reference(Kind kind, String name, String path, State current, State desired,
                                  Set<String> deleted, List<ConfigViolation> errors) {
        if (desired.has(kind, name)) {
            return;
        }
        if (!current.has(kind, name)) {
            errors.add(new ConfigViolation(path, "names no " + kind.id().replace('_', ' ') + " (\"" + name
                    + "\" is neither in the document nor on the server)"));
        } else if (deleted.contains(kind.section() + "/" + name)) {
            errors.add(new ConfigViolation(path, "names the " + kind.id().replace('_', ' ') + " \"" + name
                    + "\", which pruning would delete"));
        }
    }

    /**
     * @return the pipeline names of a state, each after the pipelines of that state it depends on, by name otherwise
     * @throws InvalidModelException when depends_on forms a cycle
     */
    static List<String> dependencyOrder(State state) {
        Map<String, Set<String>> upstream = new TreeMap<>();
        for (Map.Entry<String, ObjectNode> p : state.of(Kind.PIPELINE).entrySet()) {
            Set<String> ups = new LinkedHashSet<>();
            p.getValue().path("depends_on").forEach(u -> {
                if (state.has(Kind.PIPELINE, u.asText())) {
                    ups.add(u.asText());
                }
            });
            upstream.put(p.getKey(), ups);
        }
        List<String> order = new ArrayList<>();
        Set<String> done = new LinkedHashSet<>();
        while (order.size() < upstream.size()) {
            String next = null;
            for (Map.Entry<String, Set<String>> p : upstream.entrySet()) {
                if (!done.contains(p.getKey()) && done.containsAll(p.getValue())) {
                    next = p.getKey();
                    break;
                }
            }
            if (next == null) {
                String stuck = upstream.keySet().stream().filter(n -> !done.contains(n)).findFirst().orElseThrow();
                throw new InvalidModelException(List.of(new ConfigViolation(
                        Kind.PIPELINE.section() + "[" + stuck + "].depends_on", "forms a cycle of dependencies")));
            }
            done.add(next);
            order.add(next);
        }
        return order;
    }
}
