package io.arus.core.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.arus.api.connector.StreamDescriptor;
import io.arus.api.connector.StreamId;
import io.arus.api.connector.SyncMode;
import io.arus.api.record.Changes;
import io.arus.api.record.Offset;
import io.arus.api.record.RecordBatch;
import io.arus.api.type.Field;
import io.arus.api.type.LogicalType;
import io.arus.api.type.Schema;
import io.arus.core.engine.PipelineDefinition;
import io.arus.core.engine.QualityCheckSettings;
import io.arus.core.engine.StreamSettings;
import io.arus.core.store.RunStream;
import io.arus.core.store.fixture.MemoryDeadLetters;
import io.arus.core.store.fixture.MemoryOffsets;
import io.arus.core.store.fixture.MemoryRuns;
import io.arus.core.store.fixture.MemorySchemas;
import io.arus.core.store.fixture.TestClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** A stream synced on fake connectors saves its lag and events/s when it captures changes, and only then. */
class StreamSyncLagTest {
    private static final Schema TABLE = Schema.of(Field.of("n", LogicalType.INT64, false),
            Field.of("name", LogicalType.STRING, true));
    private final FakeSession source = new FakeSession();
    private final FakeSession destination = new FakeSession();
    private final MemoryRuns runs = new MemoryRuns();
    private final TestClock clock = new TestClock(Instant.parse("2026-12-05T18:00:00Z"));

    @Test
    void aChangeStreamSavesHowFarBehindItsLastBatchWas() throws Exception {
        source.bytesBehind = 8_192;
        changes(1, row(1, Changes.SNAPSHOT, null), row(2, Changes.SNAPSHOT, null));
        changes(2);
        changes(3, row(3, Changes.INSERT, clock.instant().minusSeconds(9)),
                row(2, Changes.DELETE, clock.instant().minusSeconds(3)),
                row(1, Changes.UPDATE, clock.instant().minusMillis(2_500)));

        RunStream saved = sync(SyncMode.CDC);

        assertThat(saved.lagMs()).isEqualTo(2_500);
        assertThat(saved.rowsDeleted()).as("a captured delete counts as a deleted row").isEqualTo(1);
        assertThat(saved.lagBytes()).isEqualTo(8_192);
        assertThat(saved.eventsPerSecond()).isNotNull();
        assertThat(destination.flushed.get("analytics.t")).extracting(r -> r[0]).contains(3L);
        assertThat(source.reads.get(0).batchWait()).as("the pipeline's cdc.checkpoint_seconds")
                .isEqualTo(java.time.Duration.ofSeconds(7));
    }

    @Test
    void aStreamThatCapturesNoChangesSavesNoLag() throws Exception {
        source.bytesBehind = 8_192;
        source.batches.add(RecordBatch.of(TABLE, List.<Object[]>of(new Object[] {1L, "a"}), Offset.of(Map.of("n", 1L))));

        RunStream saved = sync(SyncMode.INCREMENTAL);

        assertThat(saved).extracting(RunStream::lagBytes, RunStream::lagMs, RunStream::eventsPerSecond)
                .containsExactly(null, null, null);
        assertThat(source.reads.get(0).batchWait()).as("only change capture waits for a batch").isNull();
    }

    private RunStream sync(SyncMode mode) throws Exception {
        StreamSettings settings = new StreamSettings("public.t", mode, mode == SyncMode.CDC ? null : "n", List.of("n"),
                null, null, List.of());
        PipelineDefinition definition = new PipelineDefinition(List.of(settings), false, true, "analytics", "raw", 100,
                1, null, 0, "delete", QualityCheckSettings.DEFAULT, List.of(), false, 60, 7);
        StreamPlan plan = StreamPlan.resolve(settings, new StreamDescriptor(new StreamId("public", "t"), TABLE,
                List.of("n"), List.of("n"), 3));
        StreamCounters counters = new StreamCounters(runs, "run-1", "public.t", clock, new EventSink(), "p1",
                new RunSeries(runs, "run-1", clock), definition.lagAlertSeconds());
        try (TransformChain chain = TransformChain.open(new FakeTransforms(), UnaryOperator.identity(), List.of(),
                TABLE, StepContext.preview("p1", "public.t"))) {
            new StreamSync("p1", definition, plan, source, destination,
                    new StreamState(new MemoryOffsets(), new MemorySchemas()), new MemoryDeadLetters(),
                    new RunJournal(runs, "run-1", clock), new RunControl(), counters, clock, chain, () -> null).run();
        }
        counters.saveNow();
        return runs.streams("run-1").get(0);
    }

    private void changes(long lsn, Object[]... rows) {
        source.batches.add(RecordBatch.of(Changes.schemaOf(TABLE), new ArrayList<>(Arrays.asList(rows)),
                Offset.of(Map.of("lsn", lsn))));
    }

    private static Object[] row(long n, String op, Instant committedAt) {
        return new Object[] {n, "n" + n, op, op.equals(Changes.SNAPSHOT) ? 0L : n * 10, committedAt};
    }
}
