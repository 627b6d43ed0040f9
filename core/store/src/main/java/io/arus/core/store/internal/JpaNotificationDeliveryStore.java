package io.arus.core.store.internal;

import io.arus.api.notify.Notification;
import io.arus.core.store.NotificationDeliveryStore;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Deliveries in {@code notification_deliveries}. */
@Component(service = NotificationDeliveryStore.class)
public final class JpaNotificationDeliveryStore implements NotificationDeliveryStore {
    private final Transactions transactions;

    @Activate
    public JpaNotificationDeliveryStore(@Reference Transactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public void add(Delivery delivery) {
        transactions.inTransaction(em -> {
            em.persist(row(delivery));
            return null;
        });
    }

    @Override
    public boolean reschedule(String id, String nodeId, int attempt, Instant dueAt) {
        return transactions.inTransaction(em -> em.createQuery("UPDATE NotificationDeliveryEntity d SET d.attempt = "
                        + ":attempt, d.dueAt = :due WHERE d.id = :id AND d.nodeId = :node")
                .setParameter("attempt", attempt).setParameter("due", StoredTime.of(dueAt))
                .setParameter("id", id).setParameter("node", nodeId).executeUpdate() == 1);
    }

    @Override
    public void remove(String id) {
        transactions.inTransaction(em -> em.createQuery("DELETE FROM NotificationDeliveryEntity d WHERE d.id = :id")
                .setParameter("id", id).executeUpdate());
    }

    @Override
    public List<Delivery> ofNode(String nodeId) {
        return transactions.inTransaction(em -> ofNode(em, nodeId));
    }

    @Override
    public boolean owns(String id, String nodeId) {
        return transactions.inTransaction(em -> em.createQuery("SELECT COUNT(d) FROM NotificationDeliveryEntity d "
                        + "WHERE d.id = :id AND d.nodeId = :node", Long.class)
                .setParameter("id", id).setParameter("node", nodeId).getSingleResult() == 1);
    }

    @Override
    public List<Delivery> takeOver(Collection<String> liveNodes, String toNode) {
        return transactions.inTransaction(em -> {
            List<NotificationDeliveryEntity> orphans = em.createQuery("SELECT d FROM NotificationDeliveryEntity d "
                            + "WHERE d.nodeId NOT IN :live ORDER BY d.dueAt, d.id", NotificationDeliveryEntity.class)
                    .setParameter("live", List.copyOf(liveNodes)).getResultList();
            List<Delivery> taken = new ArrayList<>();
            for (NotificationDeliveryEntity row : orphans) {
                // row by row, each on the condition that its owner is still the one read: of two nodes taking
                // over, each delivery goes to one
                int moved = em.createQuery("UPDATE NotificationDeliveryEntity d SET d.nodeId = :to "
                                + "WHERE d.id = :id AND d.nodeId = :from")
                        .setParameter("to", toNode).setParameter("id", row.id).setParameter("from", row.nodeId)
                        .executeUpdate();
                if (moved == 1) {
                    Delivery was = delivery(row);
                    taken.add(new Delivery(was.id(), was.targetId(), toNode, was.attempt(), was.dueAt(),
                            was.traceparent(), was.notification()));
                }
            }
            return taken;
        });
    }

    private static List<Delivery> ofNode(EntityManager em, String nodeId) {
        return em.createQuery("SELECT d FROM NotificationDeliveryEntity d WHERE d.nodeId = :node "
                        + "ORDER BY d.dueAt, d.id", NotificationDeliveryEntity.class)
                .setParameter("node", nodeId).getResultList().stream()
                .map(JpaNotificationDeliveryStore::delivery).toList();
    }

    private static NotificationDeliveryEntity row(Delivery delivery) {
        Notification n = delivery.notification();
        NotificationDeliveryEntity row = new NotificationDeliveryEntity();
        row.id = delivery.id();
        row.targetId = delivery.targetId();
        row.nodeId = delivery.nodeId();
        row.attempt = delivery.attempt();
        row.dueAt = StoredTime.of(delivery.dueAt());
        row.traceparent = delivery.traceparent();
        row.event = n.event().id();
        row.pipelineId = n.pipelineId();
        row.pipelineName = n.pipelineName();
        row.runId = n.runId();
        row.runStatus = n.status();
        row.counts = n.counts().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
        row.error = n.error();
        row.link = n.link();
        row.occurredAt = StoredTime.of(n.occurredAt());
        return row;
    }

    private static Delivery delivery(NotificationDeliveryEntity row) {
        Map<String, Long> counts = new LinkedHashMap<>();
        if (row.counts != null && !row.counts.isEmpty()) {
            for (String pair : row.counts.split(",")) {
                int eq = pair.indexOf('=');
                counts.put(pair.substring(0, eq), Long.parseLong(pair.substring(eq + 1)));
            }
        }
        Notification notification = new Notification(Notification.Event.valueOf(row.event.toUpperCase(Locale.ROOT)),
                row.pipelineId, row.pipelineName, row.runId, row.runStatus, counts, row.error, row.link, row.occurredAt);
        return new Delivery(row.id, row.targetId, row.nodeId, row.attempt, row.dueAt, row.traceparent, notification);
    }
}
