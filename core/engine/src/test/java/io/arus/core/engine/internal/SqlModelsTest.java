package io.arus.core.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.arus.api.connector.CheckResult;
import io.arus.api.connector.ConnectorException;
import io.arus.api.connector.ConnectorSession;
import io.arus.api.connector.ModelMaterialization;
import io.arus.api.connector.ModelRequest;
import io.arus.api.connector.ModelResult;
import io.arus.api.connector.StreamContext;
import io.arus.api.connector.StreamId;
import io.arus.api.connector.SyncMode;
import io.arus.core.engine.PipelineDefinition;
import io.arus.core.engine.QualityCheckSettings;
import io.arus.core.engine.StreamSettings;
import io.arus.core.model.ModelSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rendering ref()/this, running in order, failing and skipping, on a recording destination. */
class SqlModelsTest {
    private final List<ModelRequest> requests = new ArrayList<>();
    private final List<String> journal = new ArrayList<>();
    private String failOn;

    private final ConnectorSession destination = new ConnectorSession() {
        @Override
        public CheckResult check() {
            return CheckResult.ok("fake");
        }

        @Override
        public String quotedName(StreamId table) {
            return "\"" + table.namespace() + "\".\"" + table.name() + "\"";
        }

        @Override
        public ModelResult runModel(ModelRequest request, StreamContext context) throws ConnectorException {
            requests.add(request);
            if (request.target().name().equals(failOn)) {
                throw new ConnectorException(ConnectorException.Kind.SCHEMA, "column \"nope\" does not exist");
            }
            return new ModelResult(request.materialization() == ModelMaterialization.VIEW ? -1 : 42);
        }

        @Override
        public void close() {
        }
    };

    private SqlModels.Result run(String skipWhy, ModelSpec... models) {
        PipelineDefinition definition = new PipelineDefinition(List.of(new StreamSettings("public.orders", SyncMode.FULL_REFRESH, null, List.of(), null, null)),
                false, true, "analytics", "raw", 100, 1, null, 0, "delete", QualityCheckSettings.DEFAULT, List.of(models), false);
        return new SqlModels(destination, definition, (level, message) -> journal.add(level + " " + message),
                Clock.fixed(Instant.EPOCH, ZoneOffset.UTC)).run(id -> null, skipWhy);
    }

    @Test
    void refsToStreamsAndEarlierModelsAndThisBecomeQuotedDestinationNames() {
        SqlModels.Result result = run(null,
                new ModelSpec("daily", "SELECT * FROM {{ref('public.orders')}} o", "table", null),
                new ModelSpec("top", "SELECT * FROM {{  ref( \"daily\" )  }} WHERE x > (SELECT max(x) FROM {{ this }})",
                        "incremental", List.of("id")),
                new ModelSpec("v", "SELECT 1", null, null));
        assertThat(result.failure()).isNull();
        assertThat(requests).extracting(ModelRequest::select).containsExactly(
                "SELECT * FROM \"analytics\".\"orders\" o",
                "SELECT * FROM \"analytics\".\"daily\" WHERE x > (SELECT max(x) FROM \"analytics\".\"top\")",
                "SELECT 1");
        assertThat(requests.get(1).uniqueKey()).containsExactly("id");
        assertThat(requests).extracting(ModelRequest::materialization).containsExactly(ModelMaterialization.TABLE,
                ModelMaterialization.INCREMENTAL, ModelMaterialization.TABLE);
        assertThat(requests.get(0).target()).isEqualTo(new StreamId("analytics", "daily"));
        assertThat(result.outcomes()).extracting(SqlModels.Outcome::status).containsOnly("succeeded");
        assertThat(result.outcomes().get(0).rows()).isEqualTo(42);
        assertThat(journal).anyMatch(line -> line.contains("model daily: table built in 0 ms, 42 rows"));
    }

    @Test
    void aFailingModelFailsTheRunWithTheDatabasesMessageAndSkipsTheRest() {
        failOn = "b";
        SqlModels.Result result = run(null, new ModelSpec("a", "SELECT 1", "view", null),
                new ModelSpec("b", "SELECT nope", "table", null), new ModelSpec("c", "SELECT 1", "table", null));
        assertThat(result.failure()).isEqualTo("model b failed: column \"nope\" does not exist");
        assertThat(result.outcomes()).extracting(SqlModels.Outcome::status).containsExactly("succeeded", "failed", "skipped");
        assertThat(result.outcomes().get(0).rows()).isEqualTo(-1);
        assertThat(result.outcomes().get(1).error()).isEqualTo("column \"nope\" does not exist");
        assertThat(requests).hasSize(2);
    }

    @Test
    void anUnknownRefFailsNamingTheFieldAndRunsNothing() {
        SqlModels.Result result = run(null, new ModelSpec("a", "SELECT * FROM {{ ref('later') }}", "table", null),
                new ModelSpec("later", "SELECT 1", "table", null));
        assertThat(result.failure()).contains("models[0].sql: ref('later') names neither a stream of the pipeline nor an earlier model");
        assertThat(requests).isEmpty();
    }

    @Test
    void everyModelIsSkippedWhenAStreamFailedOrTheRunStopped() {
        SqlModels.Result result = run("a stream failed", new ModelSpec("a", "SELECT 1", "table", null));
        assertThat(result.failure()).isNull();
        assertThat(result.outcomes()).containsExactly(new SqlModels.Outcome("a", "table", "skipped", -1, 0, "a stream failed"));
        assertThat(requests).isEmpty();
    }
}
