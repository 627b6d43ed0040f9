package io.arus.core.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arus.api.connector.ConnectorException;
import io.arus.api.connector.StreamWriter;
import io.arus.api.record.RecordBatch;
import io.arus.api.type.Field;
import io.arus.api.type.LogicalType;
import io.arus.api.type.Schema;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Batches over several writers at once: all written once, the first failure thrown, in-flight ones finished. */
class WriteLanesTest {
    private static final Schema SCHEMA = Schema.of(Field.of("n", LogicalType.INT64, false));
    private final List<String> closed = new CopyOnWriteArrayList<>();

    /** A writer named {@code name} whose lanes are named name-1, name-2 and so on, up to {@code lanes}. */
    private StreamWriter writer(String name, int lanes) {
        AtomicInteger opened = new AtomicInteger();
        return new StreamWriter() {
            @Override
            public StreamWriter lane() {
                return opened.get() < lanes ? writer(name + "-" + opened.incrementAndGet(), 0) : null;
            }

            @Override
            public void write(RecordBatch batch) {
            }

            @Override
            public void delete(List<Object[]> keys) {
            }

            @Override
            public void evolve(Schema newSchema) {
            }

            @Override
            public void flush() {
            }

            @Override
            public void complete() {
            }

            @Override
            public void close() {
                closed.add(name);
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }

    private static RecordBatch batch(long n) {
        return RecordBatch.of(SCHEMA, List.<Object[]>of(new Object[] {n}), null);
    }

    @Test
    void aWriterThatOpensNoLaneIsEnoughAlone() throws Exception {
        assertThat(WriteLanes.open(writer("main", 0), 4, (w, b) -> { }, "s")).isNull();
    }

    @Test
    void everyBatchIsWrittenOnceAndTheLanesShareThem() throws Exception {
        List<String> loads = new CopyOnWriteArrayList<>();
        List<Long> rows = new CopyOnWriteArrayList<>();
        try (WriteLanes lanes = WriteLanes.open(writer("main", 5), 3, (writer, batch) -> {
            loads.add(writer.toString());
            rows.add((Long) batch.rows().get(0)[0]);
            pause(5);
        }, "s")) {
            assertThat(lanes.size()).as("the writer and the two lanes it was asked for").isEqualTo(3);
            for (long n = 1; n <= 60; n++) {
                lanes.write(batch(n));
            }
            lanes.drain();
            assertThat(rows).hasSize(60).doesNotHaveDuplicates();
            assertThat(loads).contains("main", "main-1", "main-2");
        }
        // the lanes it opened are closed; the zone's own writer is not
        assertThat(closed).containsExactlyInAnyOrder("main-1", "main-2");
    }

    @Test
    void theFirstFailureIsThrownAndNoLaneTakesABatchAfterIt() throws Exception {
        List<Long> written = new CopyOnWriteArrayList<>();
        CountDownLatch failed = new CountDownLatch(1);
        try (WriteLanes lanes = WriteLanes.open(writer("main", 1), 2, (writer, batch) -> {
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
        assertThat(written).containsExactlyInAnyOrder(1L, 2L);
    }

    @Test
    void closingLetsTheBatchesHandedOverFinish() throws Exception {
        List<Long> written = new CopyOnWriteArrayList<>();
        WriteLanes lanes = WriteLanes.open(writer("main", 1), 2, (writer, batch) -> {
            pause(100);
            written.add((Long) batch.rows().get(0)[0]);
        }, "s");
        lanes.write(batch(1));
        lanes.write(batch(2));
        lanes.close();

        // a stopped run: what was handed over lands before the zone's writer closes
        assertThat(written).containsExactlyInAnyOrder(1L, 2L);
        assertThat(closed).containsExactly("main-1");
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
