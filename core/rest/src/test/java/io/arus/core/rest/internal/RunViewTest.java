package io.arus.core.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.arus.core.rest.internal.PipelineViews.RunView;
import io.arus.core.store.Run;
import io.arus.core.store.RunModel;
import io.arus.core.store.RunStatus;
import io.arus.core.store.RunStream;
import io.arus.core.store.RunTotals;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A run's JSON as GET /api/runs/{id} answers it: its SQL models with the names the console's run page reads. */
class RunViewTest {
    private static final Instant T = Instant.parse("2026-12-05T10:00:00Z");
    private final Run run = new Run("r1", "p1", RunStatus.FAILED, "manual", T, T, T.plusSeconds(3),
            "model broken failed: column \"nope\" does not exist");

    @Test
    void aRunShowsItsModelsInOrderWithRowsDurationStatusAndError() throws Exception {
        RunView view = RunView.of(run, List.of(new RunStream("r1", "public.orders", RunStatus.SUCCEEDED, 10, 10, 0,
                100, 5, null, null)), List.of(
                new RunModel("daily", "table", "succeeded", 7L, 120, null),
                new RunModel("v_daily", "view", "succeeded", null, 4, null),
                new RunModel("broken", "incremental", "failed", null, 9, "column \"nope\" does not exist"),
                new RunModel("after", "table", "skipped", null, 0, "an earlier model failed")), "orders");

        JsonNode json = JsonProvider.MAPPER.valueToTree(view);

        JsonNode models = json.path("models");
        assertThat(models).hasSize(4);
        assertThat(models.get(0).fieldNames()).toIterable()
                .containsExactly("name", "materialization", "status", "rows", "duration_ms", "error");
        assertThat(models.get(0).path("rows").asLong()).isEqualTo(7);
        assertThat(models.get(0).path("duration_ms").asLong()).isEqualTo(120);
        assertThat(models.get(1).path("rows").isNull()).isTrue();
        assertThat(models.get(2).path("status").asText()).isEqualTo("failed");
        assertThat(models.get(2).path("error").asText()).isEqualTo("column \"nope\" does not exist");
        assertThat(models.get(3).path("name").asText()).isEqualTo("after");
        assertThat(json.path("streams").get(0).path("name").asText()).isEqualTo("public.orders");
    }

    @Test
    void aChangeStreamShowsItsLagInBytesAndSecondsAndItsEventsPerSecondOtherStreamsNull() {
        RunView view = RunView.of(run, List.of(
                new RunStream("r1", "public.customers", RunStatus.SUCCEEDED, 10, 10, 0, 0, 100, 5, null, null, null, 0),
                new RunStream("r1", "public.orders", RunStatus.RUNNING, 5_000, 5_000, 0, 12, 400_000, 60_000, null, null,
                        null, 0, 3_435_973_837L, 1_250L, 812.5),
                new RunStream("r1", "public.items", RunStatus.RUNNING, 900, 0, 0, 0, 9_000, 2_000, null, null, null, 0,
                        null, null, 450.0)), List.of(), "orders");

        JsonNode streams = JsonProvider.MAPPER.valueToTree(view).path("streams");

        JsonNode plain = streams.get(0);
        assertThat(plain.has("lag_bytes") && plain.has("lag_seconds") && plain.has("events_per_second")).isTrue();
        assertThat(plain.path("lag_bytes").isNull()).isTrue();
        assertThat(plain.path("lag_seconds").isNull()).isTrue();
        assertThat(plain.path("events_per_second").isNull()).isTrue();
        JsonNode following = streams.get(1);
        assertThat(following.path("lag_bytes").asLong()).isEqualTo(3_435_973_837L);
        assertThat(following.path("lag_seconds").asDouble()).isEqualTo(1.25);
        assertThat(following.path("events_per_second").asDouble()).isEqualTo(812.5);
        JsonNode snapshotting = streams.get(2);
        assertThat(snapshotting.path("lag_seconds").isNull()).as("unknown during the snapshot").isTrue();
        assertThat(snapshotting.path("events_per_second").asDouble()).isEqualTo(450.0);
    }

    @Test
    void aRunWithoutModelsShowsAnEmptyListAndARunOfAListShowsNone() {
        assertThat(JsonProvider.MAPPER.valueToTree(RunView.of(run, List.of(), List.of())).path("models"))
                .isEmpty();
        assertThat(JsonProvider.MAPPER.valueToTree(RunView.summary(run, RunTotals.NONE)).path("models").isNull())
                .isTrue();
    }
}
