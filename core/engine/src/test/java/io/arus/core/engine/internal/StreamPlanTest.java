package io.arus.core.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arus.api.connector.StreamDescriptor;
import io.arus.api.connector.StreamId;
import io.arus.api.connector.SyncMode;
import io.arus.api.connector.WriteMode;
import io.arus.api.type.Field;
import io.arus.api.type.LogicalType;
import io.arus.api.type.Schema;
import io.arus.core.engine.StreamSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamPlanTest {
    private static StreamDescriptor table(List<String> key, List<String> cursors, String... extra) {
        Schema schema = Schema.of(Field.of("id", LogicalType.INT64, false), Field.of("created_at", LogicalType.TIMESTAMPTZ, true),
                Field.of("updated_at", LogicalType.TIMESTAMPTZ, true), Field.of("DELETED_AT", LogicalType.TIMESTAMPTZ, true));
        for (String name : extra) {
            schema = schema.with(Field.of(name, LogicalType.STRING, true));
        }
        return new StreamDescriptor(new StreamId("s", "t"), schema, key, cursors, -1);
    }

    @Test
    void incrementalDetectsTheCursorInDesignOrderTheKeyAndTheSoftDeleteColumn() {
        StreamPlan plan = StreamPlan.resolve(new StreamSettings("s.t", SyncMode.INCREMENTAL, null, List.of(), null, null),
                table(List.of("id"), List.of("created_at", "updated_at")));

        assertThat(plan.cursorField()).isEqualTo("updated_at");
        assertThat(plan.primaryKey()).containsExactly("id");
        assertThat(plan.softDeleteField()).isEqualTo("DELETED_AT");
        assertThat(plan.writeMode()).isEqualTo(WriteMode.UPSERT);
        assertThat(plan.resumable()).isTrue();
        assertThat(plan.notes()).contains("cursor column detected: updated_at", "soft-delete column detected: DELETED_AT");
    }

    @Test
    void withoutACursorIncrementalFallsBackToAFullRefreshThatReplaces() {
        StreamPlan plan = StreamPlan.resolve(new StreamSettings("s.t", SyncMode.INCREMENTAL, null, List.of(), null, null),
                table(List.of("id"), List.of()));

        assertThat(plan.syncMode()).isEqualTo(SyncMode.FULL_REFRESH);
        assertThat(plan.writeMode()).isEqualTo(WriteMode.REPLACE);
        assertThat(plan.resumable()).isFalse();
        assertThat(plan.notes()).anyMatch(n -> n.startsWith("no cursor column"));
    }

    @Test
    void withoutAKeyIncrementalAppendsAndAnUpsertIsRefused() {
        StreamPlan append = StreamPlan.resolve(new StreamSettings("s.t", SyncMode.INCREMENTAL, "updated_at", List.of(), null, null),
                table(List.of(), List.of("updated_at")));

        assertThat(append.writeMode()).isEqualTo(WriteMode.APPEND);
        assertThatThrownBy(() -> StreamPlan.resolve(new StreamSettings("s.t", SyncMode.INCREMENTAL, "updated_at", List.of(), null,
                WriteMode.UPSERT), table(List.of(), List.of("updated_at")))).hasMessageContaining("upsert needs a primary key");
    }

    @Test
    void columnsThatDoNotExistAreNamed() {
        assertThatThrownBy(() -> StreamPlan.resolve(new StreamSettings("s.t", SyncMode.INCREMENTAL, "changed", List.of(), null, null),
                table(List.of("id"), List.of()))).hasMessageContaining("cursor column changed does not exist");
        assertThatThrownBy(() -> StreamPlan.resolve(new StreamSettings("s.t", SyncMode.FULL_REFRESH, null, List.of("code"), null, null),
                table(List.of("id"), List.of()))).hasMessageContaining("primary key column code does not exist");
    }

    @Test
    void changeCaptureUpsertsByKeyWithoutSoftDeletesAndRefusesWhatItCannotApply() {
        StreamPlan plan = StreamPlan.resolve(new StreamSettings("s.t", SyncMode.CDC, null, List.of(), null, null),
                table(List.of("id"), List.of("updated_at")));

        assertThat(plan.syncMode()).isEqualTo(SyncMode.CDC);
        assertThat(plan.writeMode()).isEqualTo(WriteMode.UPSERT);
        assertThat(plan.cursorField()).isNull();
        assertThat(plan.softDeleteField()).isNull();
        assertThat(plan.resumable()).isTrue();
        assertThatThrownBy(() -> StreamPlan.resolve(new StreamSettings("s.t", SyncMode.CDC, null, List.of(), null, null),
                table(List.of(), List.of()))).hasMessageContaining("has no primary key");
        assertThatThrownBy(() -> StreamPlan.resolve(new StreamSettings("s.t", SyncMode.CDC, null, List.of(), null,
                WriteMode.APPEND), table(List.of("id"), List.of()))).hasMessageContaining("upsert mode, not append");
        assertThatThrownBy(() -> StreamPlan.resolve(new StreamSettings("s.t", SyncMode.CDC, null, List.of(), null, null),
                table(List.of("id"), List.of(), "_arus_position"))).hasMessageContaining("reserved");
    }
}
