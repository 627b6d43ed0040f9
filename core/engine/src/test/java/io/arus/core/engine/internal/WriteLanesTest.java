package io.arus.core.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arus.api.connector.ConnectorException;
import io.arus.api.connector.StreamId;
import io.arus.api.connector.StreamWriter;
import io.arus.api.connector.WriteMode;
import io.arus.api.connector.WriteRequest;
import io.arus.api.record.RecordBatch;
import io.arus.api.type.Field;
import io.arus.api.type.LogicalType;
import io.arus.api.type.Schema;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Batches over several writers at once: all written once, the first failure thrown, in-flight ones finished. */
class WriteLanesTest {
    private static final Schema SCHEMA = Schema.of(Field.of("n", LogicalType.INT64, false));
    private final FakeSession destination = new FakeSession();

    /** A REPLACE writer of the fake destination; it opens lanes when {@code lanes}. */
    private StreamWriter writer(boolean lanes) {
        destination.lanes = lanes;
        return destination.openWriter(new WriteRequest(new StreamId("a", "t"), SCHEMA, List.of("n"),
                WriteMode.REPLACE), null);
    }

    private long lanesClosed() {
        return destination.writerEvents.stream().filter("lane closed"::equals).count();
    }

    private static RecordBatch batch(long n) {
        return RecordBatch.of(SCHEMA, List.<Object[]>of(new Object[] {n}), null);
    }

    @Test
    void aWriterThatOpensNoLaneIsEnoughAlone() throws Exception {
        assertThat(WriteLanes.open(writer(false), 4, (w, b) -> { }, "s")).isNull();
    }

    @Test
    void everyBatchIsWrittenOnceAndTheLanesShareThem() throws Exception {
        Set<StreamWriter> loads = ConcurrentHashMap.newKeySet();
        List<Long> rows = new CopyOnWriteArrayList<>();
        StreamWriter main = writer(true);
        try (WriteLanes lanes = WriteLanes.open(main, 3, (writer, batch) -> {
            loads.add(writer);
            rows.add((Long) batch.rows().get(0)[0]);
            pause(5);
        }, "s")) {
            assertThat(lanes.size()).as("the writer and the two lanes it was asked for").isEqualTo(3);
            for (long n = 1; n <= 60; n++) {
                lanes.write(batch(n));
            }
            lanes.drain();
            assertThat(rows).hasSize(60).doesNotHaveDuplicates();
            assertThat(loads).hasSize(3).contains(main);
        }
        // the two lanes it opened are closed; the zone's own writer is not
        assertThat(destination.writerEvents).containsExactly("lane opened", "lane opened", "lane closed",
                "lane closed");
    }

    @Test
    void theFirstFailureIsThrownAndNoLaneTakesABatchAfterIt() throws Exception {
        List<Long> written = new CopyOnWriteArrayList<>();
        CountDownLatch failed = new CountDownLatch(1);
        try (WriteLanes lanes = WriteLanes.open(writer(true), 2, (writer, batch) -> {
            long n = (Long) batch.rows().get(0)[0];
            if (n == 3) {
                failed.countDown();
                throw new ConnectorException(ConnectorException.Kind.CONNECTION, "lane lost its connection");
            }
            written.add(n);
        }, "s")) {
            lanes.write(batch(1));
            lanes.write(batch(2));
            lanes.write(batch(3));
            assertThat(failed.await(5, TimeUnit.SECONDS)).isTrue();
            assertThatThrownBy(lanes::drain).isInstanceOf(ConnectorException.class)
                    .hasMessage("lane lost its connection");
            assertThatThrownBy(() -> lanes.write(batch(4))).isInstanceOf(ConnectorException.class);
        }
        // a batch handed over before the failure may have been skipped (the run fails and its staging table goes)
        assertThat(written).isSubsetOf(1L, 2L).isNotEmpty();
    }

    @Test
    void closingLetsTheBatchesHandedOverFinish() throws Exception {
        List<Long> written = new CopyOnWriteArrayList<>();
        WriteLanes lanes = WriteLanes.open(writer(true), 2, (writer, batch) -> {
            pause(100);
            written.add((Long) batch.rows().get(0)[0]);
        }, "s");
        lanes.write(batch(1));
        lanes.write(batch(2));
        lanes.close();

        // a stopped run: what was handed over lands before the zone's writer closes
        assertThat(written).containsExactlyInAnyOrder(1L, 2L);
        assertThat(lanesClosed()).isEqualTo(1);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
