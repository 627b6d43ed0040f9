package io.arus.core.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.arus.api.record.RecordBatch;
import io.arus.api.type.Field;
import io.arus.api.type.LogicalType;
import io.arus.api.type.Schema;
import io.arus.core.engine.RunEvents;
import io.arus.core.store.RunStatus;
import io.arus.core.store.RunStream;
import io.arus.core.store.fixture.MemoryRuns;
import io.arus.core.store.fixture.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/** A stream's counters on a hand-moved clock, an in-memory run store and a recording EventAdmin. */
class StreamCountersTest {
    private static final Schema SCHEMA = Schema.of(Field.of("id", LogicalType.INT64, false));
    private final MemoryRuns runs = new MemoryRuns();
    private final TestClock clock = new TestClock(Instant.parse("2026-12-05T18:00:00Z"));
    private final List<Event> posted = Collections.synchronizedList(new ArrayList<>());
    private final EventSink events = new EventSink();

    StreamCountersTest() {
        events.bind(new EventAdmin() {
            @Override
            public void postEvent(Event event) {
                posted.add(event);
            }

            @Override
            public void sendEvent(Event event) {
                posted.add(event);
            }
        });
    }

    @Test
    void aChangeStreamSavesAndSendsItsLagAndItsEventsPerSecondOverTheLastTenSeconds() throws Exception {
        StreamCounters counters = counters(300);
        // 200 rows/s for 20 s, then 50 rows/s for 10 s
        readEvery500Ms(counters, 40, 100);
        readEvery500Ms(counters, 20, 25);
        counters.lag(4_096, 1_500);
        counters.flushed();

        RunStream saved = runs.streams("run-1").get(0);
        assertThat(saved).extracting(RunStream::lagBytes, RunStream::lagMs, RunStream::eventsPerSecond)
                .containsExactly(4_096L, 1_500L, 50.0);
        Event progress = lastOf(RunEvents.RUN_PROGRESS);
        assertThat(progress.getProperty(RunEvents.LAG_BYTES)).isEqualTo(4_096L);
        assertThat(progress.getProperty(RunEvents.LAG_SECONDS)).isEqualTo(1.5);
        assertThat(progress.getProperty(RunEvents.EVENTS_PER_SECOND)).isEqualTo(50.0);

        // nothing read for 5 s more: the window still holds the last 5 s of reads
        clock.advance(Duration.ofSeconds(5));
        counters.lag(-1, 0);
        counters.saveNow();
        assertThat(runs.streams("run-1").get(0)).extracting(RunStream::lagBytes, RunStream::lagMs,
                RunStream::eventsPerSecond).containsExactly(null, 0L, 25.0);
    }

    @Test
    void eventsPerSecondCountFromTheStartWhileTheStreamIsYoungerThanTheWindow() {
        StreamCounters counters = counters(300);
        readEvery500Ms(counters, 4, 300);
        counters.lag(0, 0);
        counters.saveNow();

        assertThat(runs.streams("run-1").get(0).eventsPerSecond()).isEqualTo(600.0);
    }

    @Test
    void aStreamThatCapturesNoChangesHasNoLagNorEventsPerSecond() throws Exception {
        StreamCounters counters = counters(300);
        readEvery500Ms(counters, 4, 100);
        clock.advance(Duration.ofSeconds(1));
        counters.flushed();
        counters.finish(RunStatus.SUCCEEDED, null);

        assertThat(runs.streams("run-1").get(0)).extracting(RunStream::lagBytes, RunStream::lagMs,
                RunStream::eventsPerSecond).containsExactly(null, null, null);
        Event progress = lastOf(RunEvents.RUN_PROGRESS);
        assertThat(progress.getPropertyNames()).doesNotContain(RunEvents.LAG_BYTES, RunEvents.LAG_SECONDS,
                RunEvents.EVENTS_PER_SECOND);
    }

    @Test
    void theLagAlertIsPostedOncePerCrossingAboveTheThreshold() throws Exception {
        StreamCounters counters = counters(60);

        counters.lag(-1, -1); // the snapshot: unknown
        counters.lag(1_000, 30_000);
        counters.lag(-1, 60_000); // at the threshold is not over it
        counters.lag(-1, 61_000);
        counters.lag(5_000_000, 120_000); // still over: no second alert
        counters.lag(-1, -1); // unknown: changes nothing
        counters.lag(7_000, 59_000); // back under: armed again
        counters.lag(3_435_973_837L, 90_000);

        List<Event> alerts = all(RunEvents.CDC_LAG);
        assertThat(alerts).hasSize(2);
        Event first = alerts.get(0);
        assertThat(first.getProperty(RunEvents.RUN_ID)).isEqualTo("run-1");
        assertThat(first.getProperty(RunEvents.PIPELINE_ID)).isEqualTo("p1");
        assertThat(first.getProperty(RunEvents.STREAM)).isEqualTo("public.orders");
        assertThat(first.getProperty(RunEvents.LAG_SECONDS)).isEqualTo(61.0);
        assertThat(first.getPropertyNames()).doesNotContain(RunEvents.LAG_BYTES).doesNotContain(RunEvents.STATUS);
        assertThat(first.getProperty(RunEvents.ERROR))
                .isEqualTo("61 s behind the source, over the alert threshold of 60 s (cdc.lag_alert_seconds)");
        Event second = alerts.get(1);
        assertThat(second.getProperty(RunEvents.LAG_BYTES)).isEqualTo(3_435_973_837L);
        assertThat(second.getProperty(RunEvents.ERROR))
                .isEqualTo("90 s behind the source (3.2 GB of log), over the alert threshold of 60 s (cdc.lag_alert_seconds)");
    }

    @Test
    void sizesReadAsPeopleWriteThem() {
        assertThat(StreamCounters.size(512)).isEqualTo("512 bytes");
        assertThat(StreamCounters.size(1_536)).isEqualTo("1.5 KB");
        assertThat(StreamCounters.size(10L * 1024 * 1024)).isEqualTo("10.0 MB");
        assertThat(StreamCounters.size(5L << 40)).isEqualTo("5.0 TB");
    }

    private StreamCounters counters(int lagAlertSeconds) {
        return new StreamCounters(runs, "run-1", "public.orders", clock, events, "p1",
                new RunSeries(runs, "run-1", clock), lagAlertSeconds);
    }

    private void readEvery500Ms(StreamCounters counters, int times, int rows) {
        for (int i = 0; i < times; i++) {
            clock.advance(Duration.ofMillis(500));
            List<Object[]> batch = new ArrayList<>();
            for (int r = 0; r < rows; r++) {
                batch.add(new Object[] {(long) r});
            }
            counters.read(RecordBatch.of(SCHEMA, batch, null));
        }
    }

    /** @return the events of a topic, once every event posted so far went out (the sink posts from one thread) */
    private List<Event> all(String topic) throws InterruptedException {
        String marker = "test/DRAINED_" + System.nanoTime();
        events.post(marker, Map.of());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (true) {
            synchronized (posted) {
                if (posted.stream().anyMatch(e -> e.getTopic().equals(marker))) {
                    return posted.stream().filter(e -> e.getTopic().equals(topic)).toList();
                }
            }
            assertThat(System.nanoTime()).as("the sink delivered within 5 s").isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    private Event lastOf(String topic) throws InterruptedException {
        List<Event> matching = all(topic);
        assertThat(matching).isNotEmpty();
        return matching.get(matching.size() - 1);
    }
}
