package io.arus.core.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.arus.api.connector.StreamWriter;
import io.arus.api.record.Offset;
import io.arus.api.record.RecordBatch;
import io.arus.api.type.Field;
import io.arus.api.type.LogicalType;
import io.arus.api.type.Schema;
import io.arus.core.store.fixture.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CheckpointCommitterTest {
    private static final Schema SCHEMA = Schema.of(Field.of("n", LogicalType.INT64, false));
    private final TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final List<String> events = new ArrayList<>();

    private StreamWriter writer(int rowsPerFlush) {
        return writer(rowsPerFlush, false);
    }

    /** @param recording whether it records flushes: then a flush with a token is noted with its token */
    private StreamWriter writer(int rowsPerFlush, boolean recording) {
        return new StreamWriter() {
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
                events.add("flush");
            }

            @Override
            public boolean recordsFlushes() {
                return recording;
            }

            @Override
            public void flush(String token) {
                events.add("flush " + token);
            }

            @Override
            public int rowsPerFlush() {
                return rowsPerFlush;
            }

            @Override
            public void complete() {
            }

            @Override
            public void close() {
            }
        };
    }

    private static RecordBatch batch(int rows, long last) {
        return RecordBatch.of(SCHEMA, Collections.nCopies(rows, new Object[] {last}), Offset.of(Map.of("n", last)));
    }

    @Test
    void deferredFlushStoresTheRejectsThenTheLastOffsetAfterTheWritersFlushed() throws Exception {
        StreamWriter normalized = writer(100);
        CheckpointCommitter committer = new CheckpointCommitter(normalized, null,
                CheckpointCommitter.rowsPerFlush(normalized, null), clock, o -> events.add("offset " + o.get("n")));
        committer.written(batch(60, 1));
        committer.reject(() -> events.add("reject"));
        assertThat(committer.due()).isFalse();
        assertThat(events).isEmpty();
        committer.written(batch(60, 2));
        assertThat(committer.due()).isTrue();
        committer.flush();
        assertThat(events).containsExactly("flush", "reject", "offset 2");
    }

    @Test
    void aDeferredFlushIsDueAfterTenSecondsWhateverTheRows() {
        CheckpointCommitter committer = new CheckpointCommitter(writer(1_000), null, 1_000, clock, o -> { });
        committer.written(batch(1, 1));
        assertThat(committer.due()).isFalse();
        clock.advance(Duration.ofMillis(CheckpointCommitter.FLUSH_EVERY_MS));
        assertThat(committer.due()).isTrue();
    }

    @Test
    void aChangeCapturePipelinesCheckpointIntervalBoundsTheDeferral() {
        CheckpointCommitter committer = new CheckpointCommitter(writer(100_000), null, 100_000, clock, o -> { }, 2_000);
        committer.written(batch(1, 1));
        clock.advance(Duration.ofMillis(1_999));
        assertThat(committer.due()).isFalse();
        clock.advance(Duration.ofMillis(1));
        assertThat(committer.due()).isTrue();
    }

    @Test
    void withoutDeferralRejectsAreStoredAtOnceAndOnlyTheOffsetWaitsForFlush() throws Exception {
        StreamWriter normalized = writer(0);
        CheckpointCommitter committer = new CheckpointCommitter(normalized, null,
                CheckpointCommitter.rowsPerFlush(normalized, null), clock, o -> events.add("offset " + o.get("n")));
        committer.reject(() -> events.add("reject"));
        committer.written(batch(5, 7));
        committer.flush();
        committer.flush();
        assertThat(events).containsExactly("reject", "offset 7");
    }

    @Test
    void aWriterThatRecordsFlushesGetsTheTokenStoredWithTheOffsetBeforeItFlushes() throws Exception {
        StreamWriter raw = writer(10);
        StreamWriter recording = writer(10, true);
        CheckpointCommitter committer = new CheckpointCommitter(recording, raw, 10, clock,
                o -> events.add("offset " + o.get("n")), CheckpointCommitter.FLUSH_EVERY_MS, o -> {
                    events.add("pending " + o.get("n"));
                    return "t1";
                });
        committer.written(batch(10, 3));
        committer.flush();
        // the raw zone does not record flushes: it flushes as before, first
        assertThat(events).containsExactly("pending 3", "flush", "flush t1", "offset 3");
    }

    @Test
    void aStreamThatCannotResumeStoresNoOffset() throws Exception {
        CheckpointCommitter committer = new CheckpointCommitter(writer(0), null, 0, clock, null);
        committer.written(batch(5, 7));
        committer.flush();
        assertThat(events).isEmpty();
    }

    @Test
    void theLargestWishOfTheWritersWinsAndOneWantingEveryBatchFlushedWinsOverAll() {
        assertThat(CheckpointCommitter.rowsPerFlush(writer(100), writer(500))).isEqualTo(500);
        assertThat(CheckpointCommitter.rowsPerFlush(writer(100), writer(0))).isZero();
        assertThat(CheckpointCommitter.rowsPerFlush(null, null)).isZero();
    }
}
