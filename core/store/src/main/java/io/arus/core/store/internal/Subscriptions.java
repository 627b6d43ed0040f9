package io.arus.core.store.internal;

import io.arus.core.store.ConflictException;
import io.arus.core.store.NotificationSubscription;
import io.arus.core.store.SubscribingPipeline;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/** The rows of {@code pipeline_notifications}, read and written inside the caller's transaction. */
final class Subscriptions {
    /** The width of the {@code event} column. */
    private static final int EVENT_LENGTH = 50;

    private Subscriptions() {
    }

    /**
     * @return target id to its events, sorted and each once, in the order the subscriptions came; subscriptions
     *         without events left out
     * @throws IllegalArgumentException for a blank event or one longer than the column
     */
    static Map<String, List<String>> normalize(List<NotificationSubscription> subscriptions) {
        Map<String, TreeSet<String>> merged = new LinkedHashMap<>();
        for (NotificationSubscription subscription : subscriptions == null ? List.<NotificationSubscription>of()
                : subscriptions) {
            for (String event : subscription.events()) {
                if (event == null || event.isBlank() || event.length() > EVENT_LENGTH) {
                    throw new IllegalArgumentException("an event must be 1 to " + EVENT_LENGTH + " characters");
                }
                merged.computeIfAbsent(subscription.targetId(), id -> new TreeSet<>()).add(event);
            }
        }
        Map<String, List<String>> normalized = new LinkedHashMap<>();
        merged.forEach((target, events) -> normalized.put(target, List.copyOf(events)));
        return normalized;
    }

    /** @return the pipeline's subscriptions, by target name */
    static List<NotificationSubscription> of(EntityManager em, String pipelineId) {
        List<Object[]> rows = em.createQuery("SELECT n.targetId, n.event FROM PipelineNotificationEntity n,"
                        + " NotificationTargetEntity t WHERE t.id = n.targetId AND n.pipelineId = :id"
                        + " ORDER BY t.name, t.id, n.event", Object[].class)
                .setParameter("id", pipelineId).getResultList();
        return group(rows, 0);
    }

    /** @return the subscriptions of every pipeline that has some */
    static Map<String, List<NotificationSubscription>> all(EntityManager em) {
        List<Object[]> rows = em.createQuery("SELECT n.pipelineId, n.targetId, n.event FROM"
                + " PipelineNotificationEntity n, NotificationTargetEntity t WHERE t.id = n.targetId"
                + " ORDER BY n.pipelineId, t.name, t.id, n.event", Object[].class).getResultList();
        Map<String, List<Object[]>> byPipeline = new LinkedHashMap<>();
        for (Object[] row : rows) {
            byPipeline.computeIfAbsent((String) row[0], id -> new ArrayList<>()).add(row);
        }
        Map<String, List<NotificationSubscription>> all = new LinkedHashMap<>();
        byPipeline.forEach((pipeline, pipelineRows) -> all.put(pipeline, group(pipelineRows, 1)));
        return all;
    }

    /** @return the pipelines subscribing the target, by name */
    static List<SubscribingPipeline> subscribers(EntityManager em, String targetId) {
        List<Object[]> rows = em.createQuery("SELECT p.id, p.name, n.event FROM PipelineNotificationEntity n,"
                        + " PipelineEntity p WHERE p.id = n.pipelineId AND n.targetId = :id"
                        + " ORDER BY p.name, p.id, n.event", Object[].class)
                .setParameter("id", targetId).getResultList();
        List<SubscribingPipeline> pipelines = new ArrayList<>();
        List<String> events = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Object[] row = rows.get(i);
            events.add((String) row[2]);
            if (i == rows.size() - 1 || !Objects.equals(rows.get(i + 1)[0], row[0])) {
                pipelines.add(new SubscribingPipeline((String) row[0], (String) row[1], events));
                events = new ArrayList<>();
            }
        }
        return pipelines;
    }

    /**
     * Replaces the pipeline's subscriptions.
     *
     * @param events as {@link #normalize} returns them
     * @throws ConflictException when the pipeline or a target does not exist
     */
    static void replace(EntityManager em, String pipelineId, Map<String, List<String>> events)
            throws ConflictException {
        if (em.find(PipelineEntity.class, pipelineId) == null) {
            throw new ConflictException("pipeline " + pipelineId + " does not exist");
        }
        for (String targetId : events.keySet()) {
            if (em.find(NotificationTargetEntity.class, targetId) == null) {
                throw new ConflictException("notification target " + targetId + " does not exist");
            }
        }
        em.createQuery("DELETE FROM PipelineNotificationEntity n WHERE n.pipelineId = :id")
                .setParameter("id", pipelineId).executeUpdate();
        events.forEach((targetId, targetEvents) -> {
            for (String event : targetEvents) {
                PipelineNotificationEntity row = new PipelineNotificationEntity();
                row.pipelineId = pipelineId;
                row.targetId = targetId;
                row.event = event;
                em.persist(row);
            }
        });
        // another transaction deleted a target or the pipeline, or replaced the same rows, since the checks above
        Constraints.flush(em, "the notifications of the pipeline changed meanwhile, try again",
                "the pipeline or one of its notification targets no longer exists");
    }

    /** Groups rows (target id at {@code at}, event after it), already ordered by target, into subscriptions. */
    private static List<NotificationSubscription> group(List<Object[]> rows, int at) {
        List<NotificationSubscription> subscriptions = new ArrayList<>();
        List<String> events = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Object[] row = rows.get(i);
            events.add((String) row[at + 1]);
            if (i == rows.size() - 1 || !Objects.equals(rows.get(i + 1)[at], row[at])) {
                subscriptions.add(new NotificationSubscription((String) row[at], events));
                events = new ArrayList<>();
            }
        }
        return subscriptions;
    }
}
