package io.arus.core.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.arus.api.notify.Notification;
import io.arus.api.notify.Notification.Event;
import io.arus.core.store.ConflictException;
import io.arus.core.store.NotificationDeliveryStore;
import io.arus.core.store.NotificationDeliveryStore.Delivery;
import io.arus.core.store.NotificationTargetStore;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link NotificationDeliveryStore} does, on the database of the subclass. */
abstract class NotificationDeliveryStoreContract extends DatabaseTest {
    NotificationDeliveryStore deliveries;
    NotificationTargetStore targets;
    String ops;
    String chat;

    @BeforeEach
    void createStoreAndTargets() throws ConflictException {
        deliveries = new JpaNotificationDeliveryStore(persistence);
        targets = new JpaNotificationTargetStore(persistence, clock);
        ops = targets.create("ops", "webhook", Map.of()).id();
        chat = targets.create("chat", "slack", Map.of()).id();
    }

    private Notification failed(String runId) {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("rows_read", 100L);
        counts.put("rows_written", 98L);
        counts.put("rows_rejected", 2L);
        return new Notification(Event.RUN_FAILED, "p-1", "orders", runId, "failed", counts,
                "connection refused, quoted \"here\", = and , too", "http://localhost/runs/" + runId,
                StoredTime.of(clock.instant()));
    }

    @Test
    void aDeliveryComesBackWithItsNotificationWhole() {
        Delivery delivery = new Delivery("d-1", ops, "node-a", 1, StoredTime.of(clock.instant()),
                "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", failed("r-1"));
        deliveries.add(delivery);

        assertThat(deliveries.ofNode("node-a")).containsExactly(delivery);
        assertThat(deliveries.ofNode("node-a").get(0).notification().counts().keySet())
                .containsExactly("rows_read", "rows_written", "rows_rejected");
        assertThat(deliveries.ofNode("node-b")).isEmpty();
    }

    @Test
    void aNotificationWithoutRunOrCountsIsKeptToo() {
        Notification lag = new Notification(Event.CDC_LAG, "p-2", "changes", null, null, Map.of(), null, null,
                StoredTime.of(clock.instant()));
        deliveries.add(new Delivery("d-2", chat, "node-a", 1, StoredTime.of(clock.instant()), null, lag));

        assertThat(deliveries.ofNode("node-a")).singleElement().extracting(Delivery::notification).isEqualTo(lag);
    }

    @Test
    void rescheduledMovesTheAttemptOnlyForItsNodeAndRemovedIsGone() {
        Instant now = StoredTime.of(clock.instant());
        deliveries.add(new Delivery("d-1", ops, "node-a", 1, now, null, failed("r-1")));

        assertThat(deliveries.reschedule("d-1", "node-b", 2, now.plusSeconds(4))).isFalse();
        assertThat(deliveries.reschedule("d-1", "node-a", 2, now.plusSeconds(4))).isTrue();
        assertThat(deliveries.ofNode("node-a")).singleElement()
                .satisfies(d -> assertThat(d.attempt()).isEqualTo(2))
                .satisfies(d -> assertThat(d.dueAt()).isEqualTo(now.plusSeconds(4)));

        deliveries.remove("d-1");
        assertThat(deliveries.ofNode("node-a")).isEmpty();
        assertThat(deliveries.reschedule("d-1", "node-a", 3, now)).isFalse();
    }

    @Test
    void takingOverMovesEachDeliveryOnceSoonestFirst() {
        Instant now = StoredTime.of(clock.instant());
        deliveries.add(new Delivery("d-late", ops, "node-a", 3, now.plus(Duration.ofSeconds(16)), null, failed("r-1")));
        deliveries.add(new Delivery("d-soon", chat, "node-a", 2, now.plusSeconds(1), null, failed("r-2")));
        deliveries.add(new Delivery("d-own", ops, "node-c", 1, now, null, failed("r-3")));

        assertThat(deliveries.takeOver(List.of("node-b", "node-c"), "node-b")).extracting(Delivery::id, Delivery::nodeId)
                .containsExactly(Tuple.tuple("d-soon", "node-b"), Tuple.tuple("d-late", "node-b"));
        assertThat(deliveries.takeOver(List.of("node-b", "node-c"), "node-c")).isEmpty();
        assertThat(deliveries.ofNode("node-b")).hasSize(2);
        assertThat(deliveries.owns("d-soon", "node-b")).isTrue();
        assertThat(deliveries.owns("d-soon", "node-a")).isFalse();
        assertThat(deliveries.ofNode("node-c")).extracting(Delivery::id).containsExactly("d-own");
    }

    @Test
    void deletingTheTargetDropsItsDeliveries() {
        deliveries.add(new Delivery("d-1", ops, "node-a", 1, StoredTime.of(clock.instant()), null, failed("r-1")));
        deliveries.add(new Delivery("d-2", chat, "node-a", 1, StoredTime.of(clock.instant()), null, failed("r-1")));

        assertThat(targets.delete(ops)).isTrue();

        assertThat(deliveries.ofNode("node-a")).extracting(Delivery::id).containsExactly("d-2");
    }
}
