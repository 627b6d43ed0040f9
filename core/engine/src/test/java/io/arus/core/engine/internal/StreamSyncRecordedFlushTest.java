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
import io.arus.api.connector.StreamWriter;
import io.arus.api.connector.SyncMode;
import io.arus.api.connector.WriteMode;
import io.arus.api.connector.WriteRequest;
import io.arus.api.record.Offset;
import io.arus.api.record.RecordBatch;
import io.arus.api.type.Field;
import io.arus.api.type.LogicalType;
import io.arus.api.type.Schema;
import io.arus.core.engine.PipelineDefinition;
import io.arus.core.engine.StreamSettings;
import io.arus.core.model.QualityChecksSpec;
import io.arus.core.model.StreamSpec;
import io.arus.core.model.SyncSpec;
import io.arus.core.store.StreamOffsetStore;
import io.arus.core.store.fixture.MemoryDeadLetters;
import io.arus.core.store.fixture.MemoryOffsets;
import io.arus.core.store.fixture.MemoryRuns;
import io.arus.core.store.fixture.MemorySchemas;
import io.arus.core.store.fixture.TestClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * An incremental append into writers that record flushes (files): a crash after a flush reached the destination
 * and before its offset was stored neither repeats nor loses rows. The next run finds the flush in the writers and
 * stores its offset, or withdraws it from the writers that hold it when one does not.
 */
class StreamSyncRecordedFlushTest {
    private static final Schema SOURCE = Schema.of(Field.of("n", LogicalType.INT64, false));
    private static final int ROWS = 20;
    private final CountingSource source = new CountingSource();
    private final LedgerDestination destination = new LedgerDestination();
    private final CrashingOffsets offsets = new CrashingOffsets();
    private final MemorySchemas schemas = new MemorySchemas();
    private final MemoryRuns runs = new MemoryRuns();
    private final TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));

    /** Ids 1..20, two rows a batch, from after the stored cursor. */
    private static final class CountingSource implements ConnectorSession {
        final List<ReadRequest> requests = new ArrayList<>();

        @Override
        public CheckResult check() {
            return CheckResult.ok("counting");
        }

        @Override
        public StreamReader openReader(ReadRequest request, Split split, StreamContext context) {
            requests.add(request);
            long from = request.startOffset() == null ? 1 : ((Number) request.startOffset().get("n")).longValue() + 1;
            return new CountingReader(SOURCE, from, ROWS);
        }

        @Override
        public void close() {
        }
    }

    /**
     * Keeps, per table, the rows of each flush under its token, as files do in their manifest; takes four rows per
     * flush. A writer of {@link #failingTable} fails its flush once, after {@link #failAfterFlushes} good ones.
     */
    private static final class LedgerDestination implements ConnectorSession {
        final Map<String, Map<String, List<Long>>> flushes = new LinkedHashMap<>();
        final List<String> discarded = new ArrayList<>();
        String failingTable;
        int failAfterFlushes = -1;

        @Override
        public CheckResult check() {
            return CheckResult.ok("ledger");
        }

        List<Long> rows(String table) {
            List<Long> rows = new ArrayList<>();
            flushes.getOrDefault(table, Map.of()).values().forEach(rows::addAll);
            return rows;
        }

        @Override
        public StreamWriter openWriter(WriteRequest request, StreamContext context) {
            String table = request.target().toString();
            Map<String, List<Long>> held = flushes.computeIfAbsent(table, t -> new LinkedHashMap<>());
            return new StreamWriter() {
                private final List<Long> pending = new ArrayList<>();

                @Override
                public void write(RecordBatch batch) {
                    for (Object[] row : batch.rows()) {
                        pending.add(row[0] instanceof Long n ? n : -1L); // a raw row's first column is its run id
                    }
                }

                @Override
                public void delete(List<Object[]> keys) {
                }

                @Override
                public void evolve(Schema newSchema) {
                }

                @Override
                public int rowsPerFlush() {
                    return 4;
                }

                @Override
                public boolean recordsFlushes() {
                    return true;
                }

                @Override
                public void flush() {
                    flush("untracked-" + held.size());
                }

                @Override
                public void flush(String token) {
                    if (table.equals(failingTable) && failAfterFlushes-- == 0) {
                        throw new IllegalStateException("killed while flushing " + table);
                    }
                    held.put(token, new ArrayList<>(pending));
                    pending.clear();
                }

                @Override
                public boolean holdsFlush(String token) {
                    return held.containsKey(token);
                }

                @Override
                public void discardFlush(String token) {
                    if (held.remove(token) != null) {
                        discarded.add(table);
                    }
                }

                @Override
                public void complete() {
                }

                @Override
                public void close() {
                }
            };
        }

        @Override
        public void close() {
        }
    }

    /** Offsets in memory that fail (as a kill would stop them) the given put of the stream's offset. */
    private static final class CrashingOffsets implements StreamOffsetStore {
        final MemoryOffsets stored = new MemoryOffsets();
        int crashAtOffsetPut = -1;

        @Override
        public Optional<Offset> get(String pipelineId, String stream, String splitId) {
            return stored.get(pipelineId, stream, splitId);
        }

        @Override
        public void put(String pipelineId, String stream, String splitId, Offset offset) {
            if (StreamSync.SPLIT.equals(splitId) && crashAtOffsetPut-- == 0) {
                throw new IllegalStateException("killed before the offset was stored");
            }
            stored.put(pipelineId, stream, splitId, offset);
        }

        @Override
        public Map<String, Map<String, Offset>> all(String pipelineId) {
            return stored.all(pipelineId);
        }

        @Override
        public void clear(String pipelineId, String stream) {
            stored.clear(pipelineId, stream);
        }

        @Override
        public void clearAll(String pipelineId) {
            stored.clearAll(pipelineId);
        }
    }

    private List<String> sync(List<String> zones) throws Exception {
        StreamSettings settings = new StreamSettings("public.t", SyncMode.INCREMENTAL, "n", List.of("n"), null,
                WriteMode.APPEND, List.of());
        PipelineDefinition definition = PipelineDefinition.of(new SyncSpec(List.of(new StreamSpec("public.t",
                "incremental", "n", List.of("n"), null, "append", List.of())),
                zones, "analytics", "raw", 2, 3, 1, null, 0, "delete",
                QualityChecksSpec.DEFAULT, List.of(), null, null));
        StreamPlan plan = StreamPlan.resolve(settings, new StreamDescriptor(new StreamId("public", "t"), SOURCE,
                List.of("n"), List.of("n"), ROWS));
        String runId = "run-" + (source.requests.size() + 1);
        RunJournal journal = new RunJournal(runs, runId, clock);
        StreamCounters counters = new StreamCounters(runs, runId, "public.t", clock, new EventSink(), "p1",
                new RunSeries(runs, runId, clock));
        try (TransformChain chain = TransformChain.open(new FakeTransforms(), UnaryOperator.identity(),
                settings.transforms(), SOURCE, StepContext.preview("p1", "public.t"))) {
            new StreamSync("p1", definition, plan, source, destination, new StreamState(offsets, schemas),
                    new MemoryDeadLetters(), journal, new RunControl(), counters, clock, chain, () -> null).run();
        }
        return runs.logLines;
    }

    private Offset stored() {
        return offsets.get("p1", "public.t", StreamSync.SPLIT).orElse(null);
    }

    @Test
    void eachFlushStoresItsOffsetAsPendingFirstAndThenAsTheStreamsOffset() throws Exception {
        sync(List.of("normalized"));

        assertThat(destination.rows("analytics.t")).hasSize(ROWS).doesNotHaveDuplicates();
        assertThat(stored().values()).containsEntry("n", 20L);
        // the last flush's token is the one the pending entry names, and the destination holds it
        Offset pending = offsets.get("p1", "public.t", StreamSync.PENDING_FLUSH).orElseThrow();
        assertThat(destination.flushes.get("analytics.t")).containsKey((String) pending.get("token"));

        // the next run finds that flush held and its offset stored already: it reads on from there
        runs.logLines.clear();
        List<String> logs = sync(List.of("normalized"));
        assertThat(logs).anySatisfy(line -> assertThat(line).contains("is in the destination and its offsets are stored"));
        assertThat(source.requests.get(1).startOffset().values()).containsEntry("n", 20L);
        assertThat(destination.rows("analytics.t")).hasSize(ROWS);
    }

    @Test
    void aFlushThatLandedBeforeTheKillHasItsOffsetStoredByTheNextRunAndIsNotWrittenAgain() throws Exception {
        // the third flush (rows 9 to 12) reaches the destination; the kill comes before its offset is stored
        offsets.crashAtOffsetPut = 2;
        assertThatThrownBy(() -> sync(List.of("normalized"))).hasMessageContaining("killed before the offset");
        assertThat(stored().values()).containsEntry("n", 8L);
        assertThat(destination.rows("analytics.t")).hasSize(12);

        List<String> logs = sync(List.of("normalized"));

        assertThat(logs).anySatisfy(line -> assertThat(line).contains("reached the destination"));
        // the second run reads after row 12, the last row of the flush it found, not after the stored row 8
        assertThat(source.requests.get(1).startOffset().values()).containsEntry("n", 12L);
        assertThat(destination.rows("analytics.t")).hasSize(ROWS).doesNotHaveDuplicates();
        assertThat(destination.discarded).isEmpty();
    }

    @Test
    void aFlushThatReachedOnlyTheRawZoneIsWithdrawnFromItAndReadAgain() throws Exception {
        // the raw zone flushes first: the kill comes while the normalized zone flushes the third time
        destination.failingTable = "analytics.t";
        destination.failAfterFlushes = 2;
        assertThatThrownBy(() -> sync(List.of("raw", "normalized"))).hasMessageContaining("killed while flushing");
        assertThat(destination.rows("raw.t")).hasSize(12);
        assertThat(destination.rows("analytics.t")).hasSize(8);

        List<String> logs = sync(List.of("raw", "normalized"));

        assertThat(logs).anySatisfy(line -> assertThat(line).contains("1 of 2 held it"));
        assertThat(destination.discarded).containsExactly("raw.t");
        assertThat(source.requests.get(1).startOffset().values()).containsEntry("n", 8L);
        assertThat(destination.rows("analytics.t")).hasSize(ROWS).doesNotHaveDuplicates();
        assertThat(destination.rows("raw.t")).hasSize(ROWS);
    }

    @Test
    void aKillBeforeTheFirstFlushLandedStartsTheNextRunFromTheBeginning() throws Exception {
        destination.failingTable = "analytics.t";
        destination.failAfterFlushes = 0;
        assertThatThrownBy(() -> sync(List.of("normalized"))).hasMessageContaining("killed while flushing");
        assertThat(stored()).isNull();

        sync(List.of("normalized"));

        assertThat(source.requests.get(1).startOffset()).isNull();
        assertThat(destination.rows("analytics.t")).hasSize(ROWS).doesNotHaveDuplicates();
    }
}
