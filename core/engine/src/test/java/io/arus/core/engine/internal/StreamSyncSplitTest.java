package io.arus.core.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arus.api.connector.CheckResult;
import io.arus.api.connector.ConnectorException;
import io.arus.api.connector.ConnectorSession;
import io.arus.api.connector.ReadRequest;
import io.arus.api.connector.Split;
import io.arus.api.connector.StreamContext;
import io.arus.api.connector.StreamDescriptor;
import io.arus.api.connector.StreamId;
import io.arus.api.connector.StreamReader;
import io.arus.api.connector.SyncMode;
import io.arus.api.connector.WriteMode;
import io.arus.api.record.Offset;
import io.arus.api.type.Field;
import io.arus.api.type.LogicalType;
import io.arus.api.type.Schema;
import io.arus.core.engine.PipelineDefinition;
import io.arus.core.engine.StreamSettings;
import io.arus.core.model.QualityChecksSpec;
import io.arus.core.model.StreamSpec;
import io.arus.core.model.SyncSpec;
import io.arus.core.model.TransformSpec;
import io.arus.core.store.fixture.MemoryDeadLetters;
import io.arus.core.store.fixture.MemoryOffsets;
import io.arus.core.store.fixture.MemoryRuns;
import io.arus.core.store.fixture.MemorySchemas;
import io.arus.core.store.fixture.TestClock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * A full refresh read in three key ranges at once: offsets are stored per range, and after a failure the next run
 * reads only the ranges left unfinished, each from its stored position, so every row lands once.
 */
class StreamSyncSplitTest {
    private static final Schema SOURCE = Schema.of(Field.of("n", LogicalType.INT64, false));
    private final RangeSource source = new RangeSource();
    private final FakeSession destination = new FakeSession();
    private final MemoryOffsets offsets = new MemoryOffsets();
    private final MemorySchemas schemas = new MemorySchemas();
    private final MemoryRuns runs = new MemoryRuns();
    private final TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));

    /** Ids 1..30 in three ranges of ten, two rows a batch; range b can be told to fail once range a is stored done. */
    private final class RangeSource implements ConnectorSession {
        final List<String> opened = new CopyOnWriteArrayList<>();
        final List<ReadRequest> requests = new CopyOnWriteArrayList<>();
        volatile boolean failB;

        @Override
        public CheckResult check() {
            return CheckResult.ok("ranges");
        }

        @Override
        public List<Split> splits(ReadRequest request, int maxSplits) {
            assertThat(maxSplits).isEqualTo(3);
            return List.of(new Split("a", Map.of("from", 1, "to", 10)), new Split("b", Map.of("from", 11, "to", 20)),
                    new Split("c", Map.of("from", 21, "to", 30)));
        }

        @Override
        public StreamReader openReader(ReadRequest request, Split split, StreamContext context) {
            opened.add(split.id());
            requests.add(request);
            long to = split.bounds().isEmpty() ? 30 : ((Number) split.bounds().get("to")).longValue();
            long from = request.startOffset() == null
                    ? split.bounds().isEmpty() ? 1 : ((Number) split.bounds().get("from")).longValue()
                    : ((Number) request.startOffset().get("n")).longValue() + 1;
            return new CountingReader(SOURCE, from, to) {
                @Override
                void beforePoll(int poll) throws ConnectorException {
                    if ("b".equals(split.id()) && failB && poll == 2) {
                        awaitADone();
                        throw new ConnectorException(ConnectorException.Kind.CONNECTION, "range b lost its connection");
                    }
                    if ("c".equals(split.id())) {
                        pause(30); // range c is slow, so range a ends (and is stored done) while c still writes
                    }
                }
            };
        }

        @Override
        public void close() {
        }
    }

    private void awaitADone() {
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            // range a is stored done, and range b's first batch is stored too: then b fails
            Offset a = offsets.get("p1", "public.t", "a").orElse(null);
            Offset b = offsets.get("p1", "public.t", "b").orElse(null);
            if (a != null && Boolean.TRUE.equals(a.get(StreamSync.DONE)) && b != null) {
                return;
            }
            pause(10);
        }
        throw new AssertionError("range a was never stored as done, or range b never stored");
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void sync(TransformSpec... steps) throws Exception {
        sync(List.of("n"), WriteMode.UPSERT, steps);
    }

    private void sync(List<String> key, WriteMode writeMode, TransformSpec... steps) throws Exception {
        StreamSettings settings = new StreamSettings("public.t", SyncMode.FULL_REFRESH, null, key, null,
                writeMode, List.of(steps));
        PipelineDefinition definition = PipelineDefinition.of(new SyncSpec(List.of(new StreamSpec("public.t",
                "full_refresh", null, key, null, writeMode.name().toLowerCase(Locale.ROOT), List.of(steps))),
                List.of("normalized"), "analytics", "raw", 2, 3, 3, null, 0, "delete",
                QualityChecksSpec.DEFAULT, List.of(), null, null));
        StreamPlan plan = StreamPlan.resolve(settings, new StreamDescriptor(new StreamId("public", "t"), SOURCE,
                key, List.of(), 30));
        RunJournal journal = new RunJournal(runs, "run-1", clock);
        StreamCounters counters = new StreamCounters(runs, "run-1", "public.t", clock, new EventSink(), "p1",
                new RunSeries(runs, "run-1", clock));
        try (TransformChain chain = TransformChain.open(new FakeTransforms(), UnaryOperator.identity(), settings.transforms(), SOURCE,
                StepContext.preview("p1", "public.t"))) {
            new StreamSync("p1", definition, plan, source, destination, new StreamState(offsets, schemas),
                    new MemoryDeadLetters(), journal, new RunControl(), counters, clock, chain, () -> null).run();
        }
    }

    private List<Long> landed() {
        return destination.flushed.get("analytics.t").stream().map(row -> (Long) row[0]).toList();
    }

    @Test
    void readsTheRangesAtOnceAndStartsOverNextTime() throws Exception {
        sync();

        assertThat(source.opened).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(landed()).hasSize(30).doesNotHaveDuplicates();
        // a finished full refresh keeps no offsets: the next one reads every range again
        assertThat(offsets.all("p1")).isEmpty();
    }

    @Test
    void everyReaderIsAskedForThePipelinesRowsAndMemoryPerBatch() throws Exception {
        sync();

        // batch_size 2 and batch_memory_mb 3, as the pipeline's model gives them
        assertThat(source.requests).hasSize(3).allSatisfy(request -> {
            assertThat(request.batchSize()).isEqualTo(2);
            assertThat(request.batchBytes()).isEqualTo(3L << 20);
        });
    }

    @Test
    void aStreamWithTransformStepsIsReadByOneReader() throws Exception {
        sync(new TransformSpec("positive", Map.of()));

        // its steps run one batch at a time (they may keep state): more readers would only compete with them
        assertThat(source.opened).containsExactly("all");
        // a step may make two keys one: the writer must check keys as rows come
        assertThat(destination.requests.get("analytics.t").uniqueKeys()).isFalse();
        assertThat(landed()).hasSize(30).doesNotHaveDuplicates();
    }

    @Test
    void aReplaceLoadsItsBatchesOverAsManyWritersAsTheParallelismLeavesTheStream() throws Exception {
        destination.lanes = true;
        sync(List.of("n"), WriteMode.REPLACE);

        assertThat(landed()).hasSize(30).doesNotHaveDuplicates();
        // parallelism 3: the writer and two lanes, each on a thread of its own, all of them used
        assertThat(destination.flushedBy.keySet()).containsExactlyInAnyOrder("arus-write-public.t-1",
                "arus-write-public.t-2", "arus-write-public.t-3");
        assertThat(destination.flushedBy.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(30);
        // every lane is closed, after its last flush, before the staging table is swapped in
        assertThat(destination.writerEvents).containsExactly("lane opened", "lane opened", "lane closed",
                "lane closed", "complete");
        // the key is the source's own and no step is in between: the writer may add the key after the load
        assertThat(destination.requests.get("analytics.t").uniqueKeys()).isTrue();
    }

    @Test
    void anUpsertIsWrittenByTheStreamsOwnThreadAlone() throws Exception {
        destination.lanes = true;
        sync();

        assertThat(landed()).hasSize(30).doesNotHaveDuplicates();
        assertThat(destination.writerEvents).doesNotContain("lane opened");
        assertThat(destination.flushedBy.keySet()).noneMatch(name -> name.startsWith("arus-write-"));
    }

    @Test
    void aTableWithoutAKeyIsCutOnlyWhenItsStreamStartsOverAfterACrash() throws Exception {
        // appended rows would be written twice by a range read again from its start: read whole, as before
        sync(List.of(), WriteMode.APPEND);
        assertThat(source.opened).containsExactly("all");

        // a REPLACE into a staging table starts over after a crash anyway: its page ranges are read at once
        source.opened.clear();
        sync(List.of(), WriteMode.REPLACE);
        assertThat(source.opened).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(offsets.all("p1")).as("nothing to resume from").isEmpty();
    }

    @Test
    void aResumedRunReadsOnlyTheUnfinishedRangesFromTheirStoredPositions() throws Exception {
        source.failB = true;
        assertThatThrownBy(this::sync).isInstanceOf(ConnectorException.class).hasMessageContaining("range b");

        Map<String, Offset> stored = offsets.all("p1").get("public.t");
        assertThat(stored.get("a").values()).containsEntry(StreamSync.DONE, true);
        assertThat(stored.get("b").values()).containsEntry(StreamSync.DONE, false)
                .containsEntry(StreamSync.POSITION, Map.of("n", 12L))
                .containsEntry(StreamSync.BOUNDS, Map.of("from", 11, "to", 20));
        assertThat(landed()).contains(1L, 10L, 11L, 12L).doesNotContain(13L);

        source.failB = false;
        source.opened.clear();
        source.requests.clear();
        sync();

        // range a is not read again; b resumes after its first batch, c after what it had stored
        assertThat(source.opened).containsExactlyInAnyOrder("b", "c");
        ReadRequest b = source.requests.get(source.opened.indexOf("b"));
        assertThat(b.startOffset().values()).containsEntry("n", 12L);
        assertThat(landed()).hasSize(30).doesNotHaveDuplicates();
        assertThat(offsets.all("p1")).isEmpty();
    }
}
