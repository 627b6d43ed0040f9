package io.arus.core.gitops;

import java.util.List;

/**
 * The changes an apply makes (or, for a plan, would make), in the order they are made.
 *
 * @param changes one per object created, updated or deleted; empty when nothing changes
 */
public record ApplyPlan(List<Change> changes) {
    public ApplyPlan {
        changes = List.copyOf(changes);
    }

    /** @return true when nothing changes */
    public boolean isEmpty() {
        return changes.isEmpty();
    }

    /** @return counts in words, e.g. {@code "1 to create, 2 to update, 0 to delete"} */
    public String summary() {
        long create = changes.stream().filter(c -> c.action() == Action.CREATE).count();
        long update = changes.stream().filter(c -> c.action() == Action.UPDATE).count();
        long delete = changes.stream().filter(c -> c.action() == Action.DELETE).count();
        return create + " to create, " + update + " to update, " + delete + " to delete";
    }

    /**
     * One object's change.
     *
     * @param kind   {@code source}, {@code destination}, {@code notification_target} or {@code pipeline}
     * @param name   the object's name
     * @param action what happens to it
     * @param fields for an update, the paths of the fields that change ({@code schedule.cron},
     *               {@code streams[2].cursor_field}); empty otherwise
     */
    public record Change(String kind, String name, Action action, List<String> fields) {
        public Change {
            fields = List.copyOf(fields);
        }
    }

    /** What happens to an object. */
    public enum Action {
        CREATE, UPDATE, DELETE
    }
}
