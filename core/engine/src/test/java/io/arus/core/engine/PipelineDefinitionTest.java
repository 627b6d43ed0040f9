package io.arus.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arus.api.config.ConfigException;
import io.arus.api.config.ConfigViolation;
import io.arus.api.connector.SyncMode;
import io.arus.api.connector.WriteMode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PipelineDefinitionTest {
    @Test
    void defaultsApplyAroundTheStreams() throws ConfigException {
        PipelineDefinition definition = PipelineDefinition.parse(Map.of("streams", List.of(Map.of("name", "public.orders"))));

        assertThat(definition.streams()).singleElement().satisfies(s -> {
            assertThat(s.syncMode()).isEqualTo(SyncMode.INCREMENTAL);
            assertThat(s.writeMode()).isNull();
            assertThat(s.primaryKey()).isEmpty();
        });
        assertThat(definition.normalizedZone()).isTrue();
        assertThat(definition.rawZone()).isFalse();
        assertThat(definition.targetNamespace()).isEqualTo("analytics");
        assertThat(definition.rawNamespace()).isEqualTo("staging");
        assertThat(definition.batchSize()).isEqualTo(10_000);
        assertThat(definition.parallelism()).isEqualTo(2);
        assertThat(definition.errorThreshold()).isNull();
        assertThat(definition.softDeleteMode()).isEqualTo("delete");
        assertThat(definition.qualityChecks()).isEqualTo(QualityCheckSettings.DEFAULT);
    }

    @Test
    void everyOffendingFieldIsNamed() {
        Map<String, Object> bad = Map.of(
                "streams", List.of(Map.of("name", "a.b", "sync_mode", "sometimes", "write_mode", "overwrite", "colour", "red"),
                        Map.of("name", "a.b")),
                "zones", List.of("bronze"),
                "batch_size", 0,
                "parallelism", 2.5,
                "soft_delete_mode", "hide",
                "quality_checks", Map.of("row_count", "maybe", "max_null_ratio", Map.of("email", 2)),
                "unknown", true);

        assertThatThrownBy(() -> PipelineDefinition.parse(bad)).isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).violations()).extracting(ConfigViolation::field)
                        .containsExactlyInAnyOrder("unknown", "streams[0].colour", "streams[0].sync_mode",
                                "streams[0].write_mode", "streams[1].name", "zones", "batch_size", "parallelism",
                                "soft_delete_mode", "quality_checks.max_null_ratio.email", "quality_checks.row_count"));
    }

    @Test
    void cdcIsRefusedUntilItExists() {
        assertThatThrownBy(() -> PipelineDefinition.parse(Map.of("streams", List.of(Map.of("name", "a.b", "sync_mode", "cdc")))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("cdc is not available yet");
    }

    @Test
    void theStoredFormReadsBackToTheSameDefinition() throws ConfigException {
        PipelineDefinition definition = PipelineDefinition.parse(Map.of(
                "streams", List.of(Map.of("name", "s.t", "sync_mode", "full_refresh", "write_mode", "upsert",
                        "primary_key", List.of("id"), "cursor_field", "changed")),
                "zones", List.of("raw", "normalized"), "error_threshold", 5, "quality_checks",
                Map.of("unique_key", "fail", "max_null_ratio", Map.of("email", 0.5))));

        PipelineDefinition again = PipelineDefinition.parse(definition.toMap());

        assertThat(again).isEqualTo(definition);
        assertThat(again.streams().get(0).writeMode()).isEqualTo(WriteMode.UPSERT);
        assertThat(again.qualityChecks().uniqueKey()).isEqualTo(QualityCheckSettings.Action.FAIL);
    }
}
