package io.arus.core.notify.internal;

import io.arus.api.notify.Notification;
import io.arus.core.store.ClusterNodeStore;
import io.arus.core.store.NotificationDeliveryStore;
import io.arus.core.store.NotificationDeliveryStore.Delivery;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's deliveries in the metadata database ({@link NotificationDeliveryStore}): each is stored before its
 * first attempt and kept in step with its retries, so what a restart finds is what was still to send, at the attempt
 * that was due. The database being away does not stop a delivery: it goes on in memory, and is said in the log.
 * Delivery is at least once: a node that dies between sending and removing the row sends it again after restarting.
 */
final class DeliveryLedger {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryLedger.class);
    /** A node whose heartbeat is older than this has stopped: its deliveries are taken over. */
    static final Duration NODE_SILENT = Duration.ofSeconds(45);

    private final NotificationDeliveryStore store;
    private final ClusterNodeStore nodes;
    private final String node;
    private final Clock clock;

    DeliveryLedger(NotificationDeliveryStore store, ClusterNodeStore nodes, String node, Clock clock) {
        this.store = store;
        this.nodes = nodes;
        this.node = node;
        this.clock = clock;
    }

    /** Stores a new delivery due now. */
    Delivery open(String targetId, Notification notification, String traceparent) {
        Delivery delivery = new Delivery(UUID.randomUUID().toString(), targetId, node, 1, clock.instant(), traceparent,
                notification);
        try {
            store.add(delivery);
        } catch (RuntimeException e) {
            LOG.warn("notification {} of run {} could not be stored; it is sent, but a restart would not resend it: {}",
                    notification.event().id(), notification.runId(), e.getMessage());
        }
        return delivery;
    }

    /** @return what keeps the stored delivery in step with its attempts */
    TargetDelivery.Progress progress(Delivery delivery) {
        return new TargetDelivery.Progress() {
            @Override
            public boolean mine() {
                try {
                    return store.owns(delivery.id(), node);
                } catch (RuntimeException e) {
                    return true;
                }
            }

            @Override
            public boolean retrying(int nextAttempt, Duration wait) {
                try {
                    return store.reschedule(delivery.id(), node, nextAttempt, clock.instant().plus(wait));
                } catch (RuntimeException e) {
                    LOG.warn("the retry of notification {} could not be stored: {}", delivery.id(), e.getMessage());
                    return true;
                }
            }

            @Override
            public void ended() {
                try {
                    store.remove(delivery.id());
                } catch (RuntimeException e) {
                    LOG.warn("the finished notification {} could not be removed; a restart may send it again: {}",
                            delivery.id(), e.getMessage());
                }
            }
        };
    }

    /** @return this node's stored deliveries, from before a restart, the soonest due first */
    List<Delivery> own() {
        return store.ofNode(node);
    }

    /** @return the deliveries of nodes that stopped, taken over by this one */
    List<Delivery> orphans() {
        Instant now = clock.instant();
        Set<String> live = new LinkedHashSet<>();
        live.add(node);
        for (ClusterNodeStore.Node other : nodes.all()) {
            if (other.heartbeatAt().plus(NODE_SILENT).isAfter(now)) {
                live.add(other.nodeId());
            }
        }
        return new ArrayList<>(store.takeOver(live, node));
    }

    /** @return how long until the delivery is due, zero when it is */
    Duration until(Delivery delivery) {
        Duration wait = Duration.between(clock.instant(), delivery.dueAt());
        return wait.isNegative() ? Duration.ZERO : wait;
    }
}
