package io.arus.core.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.arus.core.engine.RunEvents;
import io.arus.core.store.ClusterMessages;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

class ClusterEventRelayTest {
    private final Bus bus = new Bus(true);
    private final Posted onA = new Posted();
    private final Posted onB = new Posted();
    private final List<ClusterEventRelay> relays = new ArrayList<>();

    @AfterEach
    void close() {
        relays.forEach(ClusterEventRelay::close);
    }

    private ClusterEventRelay relay(Bus on, Posted posted, String node) {
        ClusterEventRelay relay = new ClusterEventRelay(on, posted, node);
        relays.add(relay);
        return relay;
    }

    @Test
    void aRunEventOfOneNodeReachesTheOthersUnderTheRemoteTopicWithItsNode() throws InterruptedException {
        ClusterEventRelay a = relay(bus, onA, "node-a");
        relay(bus, onB, "node-b");
        Map<String, Object> progress = new HashMap<>();
        progress.put(RunEvents.RUN_ID, "r-1");
        progress.put(RunEvents.PIPELINE_ID, "p-1");
        progress.put(RunEvents.STREAM, "public.orders");
        progress.put(RunEvents.ROWS_READ, 120_000L);
        progress.put(RunEvents.TRACEPARENT, "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");

        a.handleEvent(new Event(RunEvents.RUN_PROGRESS, progress));
        a.handleEvent(new Event(RunEvents.RUN_STATE, Map.of(RunEvents.RUN_ID, "r-1", RunEvents.STATUS, "failed",
                RunEvents.ERROR, "x".repeat(10_000))));

        onB.await(2);
        assertThat(onB.events.get(0).getTopic()).isEqualTo("arus/remote/run/PROGRESS");
        assertThat(onB.events.get(0).getProperty(RunEvents.NODE)).isEqualTo("node-a");
        assertThat(onB.events.get(0).getProperty(RunEvents.ROWS_READ)).isEqualTo(120_000);
        assertThat(onB.events.get(0).getProperty(RunEvents.STREAM)).isEqualTo("public.orders");
        assertThat(onB.events.get(0).getProperty(RunEvents.TRACEPARENT)).as("a trace stays on its node").isNull();
        assertThat(onB.events.get(1).getTopic()).isEqualTo("arus/remote/run/STATE");
        assertThat((String) onB.events.get(1).getProperty(RunEvents.ERROR)).hasSize(2_003).endsWith("...");
        assertThat(onA.events).as("a node does not hear its own events again").isEmpty();
    }

    @Test
    void outsideClusterModeNothingIsSentOrPosted() throws InterruptedException {
        Bus off = new Bus(false);
        ClusterEventRelay a = relay(off, onA, "node-a");
        relay(off, onB, "node-b");

        a.handleEvent(new Event(RunEvents.RUN_STATE, Map.of(RunEvents.RUN_ID, "r-1", RunEvents.STATUS, "running")));
        Thread.sleep(300);

        assertThat(off.published).isEmpty();
        assertThat(onB.events).isEmpty();
    }

    @Test
    void messagesThatAreNotRunEventsArePostedNowhere() {
        ClusterEventRelay b = relay(bus, onB, "node-b");

        b.received("not json");
        b.received("{\"node\":\"node-a\",\"topic\":\"arus/pipeline/CHANGED\",\"properties\":{}}");
        b.received("{\"node\":\"node-a\",\"topic\":\"arus/run/STATE\"}");

        assertThat(onB.events).isEmpty();
    }

    /** Every listener hears every message, on the publisher's thread (the database's order). */
    static final class Bus implements ClusterMessages {
        final boolean enabled;
        final List<String> published = new CopyOnWriteArrayList<>();
        final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

        Bus(boolean enabled) {
            this.enabled = enabled;
        }

        @Override
        public boolean enabled() {
            return enabled;
        }

        @Override
        public void publish(String channel, String payload) {
            if (enabled) {
                published.add(payload);
                listeners.forEach(listener -> listener.accept(payload));
            }
        }

        @Override
        public Registration listen(String channel, Consumer<String> listener) {
            listeners.add(listener);
            return () -> listeners.remove(listener);
        }
    }

    /** The events a node's EventAdmin was given. */
    static final class Posted implements EventAdmin {
        final List<Event> events = new CopyOnWriteArrayList<>();

        @Override
        public void postEvent(Event event) {
            events.add(event);
        }

        @Override
        public void sendEvent(Event event) {
            events.add(event);
        }

        void await(int count) throws InterruptedException {
            for (int i = 0; i < 200 && events.size() < count; i++) {
                Thread.sleep(10);
            }
            assertThat(events).hasSize(count);
        }
    }
}
