package io.arus.core.store;

import io.arus.api.notify.Notification;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Notifications on their way to their targets: each is written before its first attempt, moved on to its next
 * attempt when one fails, and removed once delivered or given up, so a restart forgets none and, in a cluster, the
 * deliveries of a node that died are taken over by another.
 *
 * @since 2.3
 */
@ProviderType
public interface NotificationDeliveryStore {
    /**
     * One notification to one target.
     *
     * @param id           its id
     * @param targetId     the target (deleting the target drops its deliveries)
     * @param nodeId       the node that sends it
     * @param attempt      the next attempt, counted from 1
     * @param dueAt        when that attempt is due
     * @param traceparent  the W3C traceparent of the run's trace, or null
     * @param notification what is told
     */
    record Delivery(String id, String targetId, String nodeId, int attempt, Instant dueAt, String traceparent,
                    Notification notification) {
        public Delivery {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(targetId, "targetId");
            Objects.requireNonNull(nodeId, "nodeId");
            Objects.requireNonNull(dueAt, "dueAt");
            Objects.requireNonNull(notification, "notification");
        }

        /** @return the same delivery with its next attempt due at {@code at} */
        public Delivery next(int nextAttempt, Instant at) {
            return new Delivery(id, targetId, nodeId, nextAttempt, at, traceparent, notification);
        }
    }

    /** Stores a new delivery. */
    void add(Delivery delivery);

    /**
     * Moves a delivery on to its next attempt.
     *
     * @return false when it is no longer stored (delivered, given up, its target deleted or taken by another node)
     */
    boolean reschedule(String id, String nodeId, int attempt, Instant dueAt);

    /** Forgets a delivery: delivered or given up. */
    void remove(String id);

    /** @return whether the delivery is still stored and still the node's */
    boolean owns(String id, String nodeId);

    /** @return the node's deliveries, the soonest due first */
    List<Delivery> ofNode(String nodeId);

    /**
     * Takes over the deliveries of nodes that stopped: each delivery is moved by one node only, which sends it.
     *
     * @param liveNodes the nodes that still live (their deliveries stay theirs)
     * @param toNode    the node taking over
     * @return the deliveries moved to {@code toNode}, the soonest due first
     */
    List<Delivery> takeOver(Collection<String> liveNodes, String toNode);
}
