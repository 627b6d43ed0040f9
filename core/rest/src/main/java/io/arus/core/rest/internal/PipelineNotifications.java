package io.arus.core.rest.internal;

import io.arus.api.notify.Notification;
import io.arus.core.store.ConflictException;
import io.arus.core.store.NotificationSubscription;
import io.arus.core.store.NotificationTargetStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A pipeline's {@code notifications} field: {@code [{"target_id": "...", "events": ["run_failed", ...]}]}, which
 * targets hear which of its events. It is kept beside the pipeline (in the subscriptions), not in its definition.
 * A body without the field leaves the stored subscriptions as they are; an empty list removes them all.
 */
final class PipelineNotifications {
    /** The field's name in pipeline bodies and views. */
    static final String FIELD = "notifications";

    private static final List<String> EVENTS = Arrays.stream(Notification.Event.values())
            .map(Notification.Event::id).toList();
    private static final Set<String> KEYS = Set.of("target_id", "events");

    private final NotificationTargetStore targets;

    PipelineNotifications(NotificationTargetStore targets) {
        this.targets = targets;
    }

    /** One subscription as a pipeline view shows it. */
    record NotificationView(String targetId, List<String> events) {
    }

    /** Adds an error naming each offending part ({@code notifications[0].events[1]}); absent or null is valid. */
    void check(Object value, List<Problem.FieldError> errors) {
        if (value == null) {
            return;
        }
        if (!(value instanceof List<?> list)) {
            errors.add(new Problem.FieldError(FIELD, "must be a list of {\"target_id\", \"events\"}"));
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String at = FIELD + "[" + i + "]";
            if (!(list.get(i) instanceof Map<?, ?> entry)) {
                errors.add(new Problem.FieldError(at, "must be an object {\"target_id\", \"events\"}"));
                continue;
            }
            entry.keySet().stream().map(String::valueOf).filter(key -> !KEYS.contains(key)).forEach(key ->
                    errors.add(new Problem.FieldError(at + "." + key, "is not a field of a notification")));
            checkTarget(entry.get("target_id"), at + ".target_id", seen, errors);
            checkEvents(entry.get("events"), at + ".events", errors);
        }
    }

    /**
     * Saves the subscriptions of a checked body, when it has the field.
     *
     * @throws ConflictException when a target was deleted since the check
     */
    void save(String pipelineId, Map<String, Object> body) throws ConflictException {
        if (!(body.get(FIELD) instanceof List<?> list)) {
            return;
        }
        List<NotificationSubscription> subscriptions = new ArrayList<>();
        for (Object item : list) {
            Map<?, ?> entry = (Map<?, ?>) item;
            List<String> events = ((List<?>) entry.get("events")).stream().map(String::valueOf).toList();
            subscriptions.add(new NotificationSubscription((String) entry.get("target_id"), events));
        }
        targets.setSubscriptions(pipelineId, subscriptions);
    }

    /** @return the pipeline's subscriptions as its view shows them */
    List<NotificationView> of(String pipelineId) {
        return view(targets.subscriptions(pipelineId));
    }

    /** @return every pipeline's subscriptions, by pipeline id, for a list of pipelines */
    Map<String, List<NotificationSubscription>> all() {
        return targets.allSubscriptions();
    }

    /** @return subscriptions as a view shows them, events in the order of {@link Notification.Event} */
    static List<NotificationView> view(List<NotificationSubscription> subscriptions) {
        return subscriptions.stream().map(s -> new NotificationView(s.targetId(), inEventOrder(s.events()))).toList();
    }

    /** @return the event ids in the order of {@link Notification.Event}, unknown ones last */
    static List<String> inEventOrder(List<String> events) {
        return events.stream().sorted(Comparator.comparingInt(e -> EVENTS.contains(e) ? EVENTS.indexOf(e)
                : EVENTS.size())).toList();
    }

    private void checkTarget(Object value, String at, Set<String> seen, List<Problem.FieldError> errors) {
        if (!(value instanceof String id) || id.isBlank()) {
            errors.add(new Problem.FieldError(at, "is required"));
        } else if (!seen.add(id)) {
            errors.add(new Problem.FieldError(at, "lists the same target twice; give it all its events at once"));
        } else if (targets.byId(id).isEmpty()) {
            errors.add(new Problem.FieldError(at, "no notification target " + id));
        }
    }

    private static void checkEvents(Object value, String at, List<Problem.FieldError> errors) {
        if (!(value instanceof List<?> events) || events.isEmpty()) {
            errors.add(new Problem.FieldError(at, "must list one or more of " + EVENTS));
            return;
        }
        for (int j = 0; j < events.size(); j++) {
            if (!(events.get(j) instanceof String event) || !EVENTS.contains(event)) {
                errors.add(new Problem.FieldError(at + "[" + j + "]", "must be one of " + EVENTS));
            }
        }
    }
}
