package io.arus.core.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arus.api.connector.StreamDescriptor;
import io.arus.api.connector.StreamId;
import io.arus.api.connector.SyncMode;
import io.arus.api.record.Offset;
import io.arus.api.record.RecordBatch;
import io.arus.api.record.UnreadableRecord;
import io.arus.api.transform.TransformException;
import io.arus.api.type.Field;
import io.arus.api.type.LogicalType;
import io.arus.api.type.Schema;
import io.arus.core.engine.PipelineDefinition;
import io.arus.core.engine.QualityCheckSettings;
import io.arus.core.engine.StreamSettings;
import io.arus.core.model.TransformSpec;
import io.arus.core.store.DeadLetter;
import io.arus.core.store.fixture.MemoryDeadLetters;
import io.arus.core.store.fixture.MemoryOffsets;
import io.arus.core.store.fixture.MemoryRuns;
import io.arus.core.store.fixture.MemorySchemas;
import io.arus.core.store.fixture.TestClock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** A stream synced through a transform chain, on fake connectors, offsets, schemas and dead letters. */
class StreamSyncChainTest {
    private static final Schema SOURCE = Schema.of(Field.of("n", LogicalType.INT64, false),
            Field.of("name", LogicalType.STRING, true));
    private final FakeTransforms catalog = new FakeTransforms();
    private final FakeSession source = new FakeSession();
    private final FakeSession destination = new FakeSession();
    private final MemoryOffsets offsets = new MemoryOffsets();
    private final MemorySchemas schemas = new MemorySchemas();
    private final MemoryDeadLetters deadLetters = new MemoryDeadLetters();
    private final MemoryRuns runs = new MemoryRuns();
    private final TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final RunControl control = new RunControl();
    private StreamCounters counters;

    private void batch(long last, Object[]... rows) {
        source.batches.add(RecordBatch.of(SOURCE, List.of(rows), Offset.of(Map.of("n", last))));
    }

    private void sync(TransformSpec... steps) throws Exception {
        StreamSettings settings = new StreamSettings("public.t", SyncMode.INCREMENTAL, "n", List.of("n"), null, null,
                List.of(steps));
        PipelineDefinition definition = new PipelineDefinition(List.of(settings), false, true, "analytics", "raw", 2, 1,
                null, 0, "delete", QualityCheckSettings.DEFAULT, List.of(), false);
        StreamPlan plan = StreamPlan.resolve(settings, new StreamDescriptor(new StreamId("public", "t"), SOURCE,
                List.of("n"), List.of(), 3));
        RunJournal journal = new RunJournal(runs, "run-1", clock);
        counters = new StreamCounters(runs, "run-1", "public.t", clock, new EventSink(), "p1", new RunSeries(runs, "run-1", clock));
        try (TransformChain chain = TransformChain.open(catalog, UnaryOperator.identity(), settings.transforms(), SOURCE,
                StepContext.preview("p1", "public.t"))) {
            new StreamSync("p1", definition, plan, source, destination, new StreamState(offsets, schemas), deadLetters,
                    journal, control, counters, clock, chain,
                    () -> chain.goneStep(catalog).map(s -> "transform '" + s.type() + "'").orElse(null)).run();
        }
    }

    @Test
    void writesTheChainsOutputRejectsWithTheStepAndCountsFilteredRows() throws Exception {
        batch(2, new Object[] {1L, "a"}, new Object[] {-2L, "b"});
        batch(4, new Object[] {3L, "c"}, new Object[] {4L, "d"});

        sync(new TransformSpec("upper", Map.of("column", "name")), new TransformSpec("positive", Map.of()),
                new TransformSpec("drop", Map.of("column", "name")));

        assertThat(destination.requests.get("analytics.t").schema().names()).containsExactly("n");
        assertThat(destination.evolved.get("analytics.t").names()).containsExactly("n");
        assertThat(destination.flushed.get("analytics.t")).extracting(r -> r[0]).containsExactly(1L, 3L, 4L);
        DeadLetter letter = deadLetters.letters.get(0);
        assertThat(letter).extracting(DeadLetter::stepIndex, DeadLetter::stepType, DeadLetter::reason, DeadLetter::values)
                .containsExactly(1, "positive", "n: negative", Map.of("n", -2L, "name", "b"));
        assertThat(counters.rowsRejected()).isEqualTo(1);
        assertThat(offsets.get("p1", "public.t", StreamSync.SPLIT)).contains(Offset.of(Map.of("n", 4L)));
    }

    @Test
    void filteredRowsAreSavedWithTheStream() throws Exception {
        batch(4, new Object[] {1L, "a"}, new Object[] {2L, "b"}, new Object[] {3L, "c"}, new Object[] {4L, "d"});

        sync(new TransformSpec("even", Map.of()));
        counters.finish(io.arus.core.store.RunStatus.SUCCEEDED, null);

        assertThat(destination.flushed.get("analytics.t")).extracting(r -> r[0]).containsExactly(2L, 4L);
        assertThat(runs.streams("run-1").get(0).rowsFiltered()).isEqualTo(2);
        assertThat(deadLetters.letters).isEmpty();
    }

    @Test
    void aDestinationRejectHasNoStep() throws Exception {
        batch(2, new Object[] {1L, "a"}, new Object[] {2L, "BAD"});

        sync();

        assertThat(destination.flushed.get("analytics.t")).extracting(r -> r[0]).containsExactly(1L);
        assertThat(deadLetters.letters.get(0)).extracting(DeadLetter::stepIndex, DeadLetter::stepType)
                .containsExactly(null, null);
    }

    @Test
    void whatTheSourceCouldNotReadGoesToDeadLettersAsUnreadableWithTheBatch() throws Exception {
        source.batches.add(RecordBatch.of(SOURCE, List.<Object[]>of(new Object[] {1L, "a"}), Offset.of(Map.of("n", 1L)))
                .withUnreadable(List.of(new UnreadableRecord("orders.csv line 3: 'x' is not a int64 (column n)",
                        Map.of("_file", "orders.csv", "_line", 3, "_text", "x,b")))));
        batch(2, new Object[] {2L, "b"});

        sync(new TransformSpec("upper", Map.of("column", "name")));

        assertThat(destination.flushed.get("analytics.t")).extracting(r -> r[0]).containsExactly(1L, 2L);
        assertThat(deadLetters.letters).singleElement()
                .extracting(DeadLetter::stepIndex, DeadLetter::stepType, DeadLetter::reason, DeadLetter::values)
                .containsExactly(-1, "source", "orders.csv line 3: 'x' is not a int64 (column n)",
                        Map.of("_file", "orders.csv", "_line", 3, "_text", "x,b"));
        assertThat(counters.rowsRejected()).isEqualTo(1);
        assertThat(offsets.get("p1", "public.t", StreamSync.SPLIT)).contains(Offset.of(Map.of("n", 2L)));
    }

    @Test
    void aFailingStepFailsTheStreamAndKeepsTheBatchsOffsetUnstored() throws Exception {
        batch(2, new Object[] {1L, "a"});

        assertThatThrownBy(() -> sync(new TransformSpec("fail", Map.of())))
                .isInstanceOf(TransformException.class).hasMessage("step 1 (fail): runner died");
        assertThat(offsets.get("p1", "public.t", StreamSync.SPLIT)).isEmpty();
        assertThat(destination.flushed.get("analytics.t")).isEmpty();
    }

    @Test
    void aTransformThatGoesAwayStopsTheRunAtABatchBoundaryWithTheOffsetKept() throws Exception {
        batch(2, new Object[] {1L, "a"});
        batch(4, new Object[] {3L, "c"});
        source.afterPoll = b -> catalog.transforms.remove("upper");

        sync(new TransformSpec("upper", Map.of("column", "name")));

        assertThat(control.isStopped()).isTrue();
        assertThat(control.reason()).isEqualTo(RunControl.Stop.INTERRUPTED);
        assertThat(control.detail()).startsWith("transform 'upper' unavailable; stopped at a batch boundary");
        // the first batch (read before the bundle went) lands with its offset; the second is left for the next run
        assertThat(destination.flushed.get("analytics.t")).extracting(r -> r[1]).containsExactly("A");
        assertThat(offsets.get("p1", "public.t", StreamSync.SPLIT)).contains(Offset.of(Map.of("n", 2L)));
    }

    @Test
    void resumesFromTheStoredOffsetAndStoresTheLastFlushedOne() throws Exception {
        offsets.put("p1", "public.t", StreamSync.SPLIT, new Offset(2, Map.of("n", 2L)));
        batch(3, new Object[] {3L, "c"});

        sync();

        assertThat(source.reads.get(0).startOffset()).isEqualTo(new Offset(2, Map.of("n", 2L)));
        assertThat(offsets.get("p1", "public.t", StreamSync.SPLIT)).contains(Offset.of(Map.of("n", 3L)));
    }

    @Test
    void anOffsetIsStoredWithJsonFriendlyValues() throws Exception {
        source.batches.add(RecordBatch.of(SOURCE, List.<Object[]>of(new Object[] {1L, "a"}),
                Offset.of(Map.of("at", Instant.parse("2026-01-02T03:04:05.123456Z"), "raw", new byte[] {1, 2}))));

        sync();

        assertThat(offsets.get("p1", "public.t", StreamSync.SPLIT))
                .contains(Offset.of(Map.of("at", "2026-01-02T03:04:05.123456Z", "raw", "AQI=")));
    }

    @Test
    void theColumnsOfTheRunAreKeptApartFromTheOffsets() throws Exception {
        batch(1, new Object[] {1L, "a"});

        sync();

        assertThat(schemas.get("p1", "public.t")).contains(List.of("n int64", "name string"));
        assertThat(offsets.all("p1").get("public.t")).containsOnlyKeys(StreamSync.SPLIT);
    }

    @Test
    void aSourceSchemaThatChangedSinceTheLastRunIsNotedAndTheNewColumnsKept() throws Exception {
        schemas.put("p1", "public.t", List.of("n int64", "old string"));
        batch(1, new Object[] {1L, "a"});

        sync();
        counters.finish(io.arus.core.store.RunStatus.SUCCEEDED, null);

        assertThat(runs.logLines).anyMatch(line -> line.contains("source schema changed: now [name string], was [old string]"));
        assertThat(runs.streams("run-1").get(0).schemaChanges()).contains("name").contains("old");
        assertThat(schemas.get("p1", "public.t")).contains(List.of("n int64", "name string"));
    }

    @Test
    void aFirstRunNotesNoSchemaChange() throws Exception {
        batch(1, new Object[] {1L, "a"});

        sync();
        counters.finish(io.arus.core.store.RunStatus.SUCCEEDED, null);

        assertThat(runs.logLines).noneMatch(line -> line.contains("source schema changed"));
        assertThat(runs.streams("run-1").get(0).schemaChanges()).isNull();
    }
}
