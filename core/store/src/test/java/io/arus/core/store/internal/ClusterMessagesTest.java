package io.arus.core.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arus.core.store.ClusterMessages;
import io.arus.core.store.ClusterMessages.Registration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** Messages between two nodes on one PostgreSQL metadata database, and none outside cluster mode. */
class ClusterMessagesTest extends DatabaseTest {
    @Override
    Dialect dialect() {
        return Dialect.POSTGRESQL;
    }

    @Test
    void whatOneNodePublishesEveryListeningNodeHearsInOrder() throws Exception {
        PgClusterMessages a = new PgClusterMessages(true, persistence.dataSource());
        PgClusterMessages b = new PgClusterMessages(true, persistence.dataSource());
        try {
            List<String> heardByB = new CopyOnWriteArrayList<>();
            List<String> heardByA = new CopyOnWriteArrayList<>();
            List<String> other = new CopyOnWriteArrayList<>();
            b.listen("arus_test_events", heardByB::add);
            a.listen("arus_test_events", heardByA::add);
            Registration gone = b.listen("arus_test_other", other::add);
            awaitListening(a, "arus_test_events", heardByB);
            awaitListening(a, "arus_test_events", heardByA);
            Thread.sleep(300); // markers still on their way
            heardByA.clear();
            heardByB.clear();

            for (int i = 1; i <= 50; i++) {
                a.publish("arus_test_events", "{\"n\":" + i + ",\"text\":\"caf\u00e9 'quoted'\"}");
            }
            gone.close();
            a.publish("arus_test_other", "unheard");

            await(() -> heardByB.size() == 50 && heardByA.size() == 50);
            assertThat(heardByB).first().isEqualTo("{\"n\":1,\"text\":\"caf\u00e9 'quoted'\"}");
            assertThat(heardByB).last().asString().startsWith("{\"n\":50,");
            assertThat(heardByA).as("the publisher hears itself").isEqualTo(heardByB);
            Thread.sleep(700);
            assertThat(other).as("a closed registration hears nothing").isEmpty();
        } finally {
            a.close();
            b.close();
        }
    }

    @Test
    void outsideClusterModeNothingGoesOutAndBadInputIsRefused() throws Exception {
        PgClusterMessages off = new PgClusterMessages(false, persistence.dataSource());
        PgClusterMessages on = new PgClusterMessages(true, persistence.dataSource());
        try {
            List<String> heard = new CopyOnWriteArrayList<>();
            on.listen("arus_test_off", heard::add);
            awaitListening(on, "arus_test_off", heard);
            Thread.sleep(300);
            heard.clear();

            off.publish("arus_test_off", "nothing");
            Thread.sleep(1000);

            assertThat(off.enabled()).isFalse();
            assertThat(heard).isEmpty();
            assertThatThrownBy(() -> on.publish("Bad Channel; DROP", "x")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> on.publish("arus_test_off", "x".repeat(ClusterMessages.MAX_PAYLOAD_BYTES + 1)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("7000 bytes");
        } finally {
            off.close();
            on.close();
        }
    }

    /** The listener thread LISTENs on its next poll: publish markers until one is heard. */
    private static void awaitListening(PgClusterMessages from, String channel, List<String> heard)
            throws InterruptedException {
        for (int i = 0; i < 100 && heard.isEmpty(); i++) {
            from.publish(channel, "marker");
            Thread.sleep(100);
        }
        assertThat(heard).as("the listener came up").isNotEmpty();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean() && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        assertThat(condition.getAsBoolean()).as("in time").isTrue();
    }
}
