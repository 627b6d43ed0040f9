package io.arus.core.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.arus.api.connector.StreamDescriptor;
import io.arus.api.connector.StreamId;
import io.arus.api.connector.SyncMode;
import io.arus.api.record.RecordBatch;
import io.arus.api.type.Field;
import io.arus.api.type.LogicalType;
import io.arus.api.type.Schema;
import io.arus.core.engine.PipelineDefinition;
import io.arus.core.engine.QualityCheckSettings;
import io.arus.core.engine.StreamSettings;
import io.arus.core.store.fixture.TestClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ZoneWritersTest {
    private static final Schema SOURCE = Schema.of(Field.of("id", LogicalType.INT64, false),
            Field.of("name", LogicalType.STRING, true), Field.of("deleted_at", LogicalType.TIMESTAMPTZ, true));
    private static final Schema OUTPUT = Schema.of(Field.of("id", LogicalType.INT64, false),
            Field.of("deleted_at", LogicalType.TIMESTAMPTZ, true));
    private final FakeSession destination = new FakeSession();
    private final TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final List<Integer> deleted = new ArrayList<>();

    private ZoneWriters open(boolean raw, boolean normalized) throws Exception {
        StreamSettings settings = new StreamSettings("public.t", SyncMode.INCREMENTAL, "id", List.of("id"), "deleted_at",
                null);
        PipelineDefinition definition = new PipelineDefinition(List.of(settings), raw, normalized, "analytics", "raw", 10,
                1, null, 0, "delete", QualityCheckSettings.DEFAULT, List.of(), false);
        StreamPlan plan = StreamPlan.resolve(settings, new StreamDescriptor(new StreamId("public", "t"), SOURCE,
                List.of("id"), List.of(), 3));
        RejectIsolator isolator = new RejectIsolator(rows -> { }, (reason, single) -> { });
        return ZoneWriters.open(destination, definition, plan, OUTPUT, null,
                new ZoneWriters.Sinks("run-1", clock, isolator, deleted::add), false, false);
    }

    @Test
    void theRawZoneKeepsTheSourceRecordTheNormalizedZoneTheChainsOutputAndSoftDeletesAreDeletedByKey() throws Exception {
        try (ZoneWriters zones = open(true, true)) {
            RecordBatch source = RecordBatch.of(SOURCE, List.of(new Object[] {1L, "a", null},
                    new Object[] {2L, "b", clock.instant()}), null);
            RecordBatch transformed = RecordBatch.of(OUTPUT, List.of(new Object[] {1L, null},
                    new Object[] {2L, clock.instant()}), null);

            zones.write(source, transformed, true);

            assertThat(destination.requests.get("analytics.t").schema()).isEqualTo(OUTPUT);
            assertThat(destination.evolved.get("analytics.t")).isEqualTo(OUTPUT);
            assertThat(destination.flushed.get("analytics.t")).extracting(r -> r[0]).containsExactly(1L);
            assertThat(destination.deleted.get("analytics.t")).extracting(k -> k[0]).containsExactly(2L);
            assertThat(deleted).containsExactly(1);
            assertThat(destination.flushed.get("raw.t")).hasSize(2);
            assertThat(destination.flushed.get("raw.t").get(0)[0]).isEqualTo("run-1");
            assertThat(String.valueOf(destination.flushed.get("raw.t").get(0)[2])).contains("\"name\"");
        }
    }

    @Test
    void aZoneThatIsOffIsNotOpened() throws Exception {
        try (ZoneWriters zones = open(false, true)) {
            assertThat(zones.raw()).isNull();
            assertThat(destination.requests).containsOnlyKeys("analytics.t");
        }
    }

    @Test
    void theEmptyBatchAfterAChangeSnapshotSwapsTheSnapshotInSoThatItsOffsetIsStored() throws Exception {
        StreamSettings settings = new StreamSettings("public.t", SyncMode.CDC, null, List.of(), null, null);
        PipelineDefinition definition = new PipelineDefinition(List.of(settings), false, true, "analytics", "raw", 10,
                1, null, 0, "delete", QualityCheckSettings.DEFAULT, List.of(), true);
        StreamPlan plan = StreamPlan.resolve(settings, new StreamDescriptor(new StreamId("public", "t"), SOURCE,
                List.of("id"), List.of(), 3));
        RejectIsolator isolator = new RejectIsolator(rows -> { }, (reason, single) -> { });
        Schema changes = io.arus.api.record.Changes.schemaOf(SOURCE);
        try (ZoneWriters zones = ZoneWriters.open(destination, definition, plan, SOURCE, null,
                new ZoneWriters.Sinks("run-1", clock, isolator, deleted::add), false, false)) {
            ChangeWriter writer = (ChangeWriter) zones.normalized();
            zones.write(RecordBatch.of(changes, List.<Object[]>of(new Object[] {1L, "a", null, "snapshot", 0L, null}), null),
                    RecordBatch.of(changes, List.<Object[]>of(new Object[] {1L, "a", null, "snapshot", 0L, null}), null),
                    true);
            assertThat(writer.inSnapshot()).isTrue();

            zones.write(RecordBatch.of(changes, List.of(), null), RecordBatch.of(changes, List.of(), null), true);

            assertThat(writer.inSnapshot()).isFalse();
            assertThat(destination.requests.get("analytics.t").writeMode()).isEqualTo(io.arus.api.connector.WriteMode.UPSERT);
            assertThat(destination.requests.get("analytics.t").schema().names())
                    .containsExactly("id", "name", "deleted_at", "_arus_position", "_arus_committed_at");
        }
    }
}
