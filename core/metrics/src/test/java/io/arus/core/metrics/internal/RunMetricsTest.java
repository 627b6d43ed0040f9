package io.arus.core.metrics.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.arus.core.engine.RunEvents;
import io.arus.core.store.ClusterNodeStore;
import io.arus.core.store.PipelineStore;
import io.arus.core.store.Run;
import io.arus.core.store.RunStatus;
import io.arus.core.store.RunStream;
import io.arus.core.store.fixture.MemoryPendingRuns;
import io.arus.core.store.fixture.MemoryRuns;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;

class RunMetricsTest {
    private final MemoryRuns runs = new MemoryRuns();
    private final PipelineStore pipelines = (PipelineStore) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {PipelineStore.class}, (proxy, method, args) -> method.getName().equals("byId")
                    ? Optional.empty() : null);
    private final MemoryPendingRuns pending = new MemoryPendingRuns();
    private final Map<String, Instant> heartbeats = new HashMap<>();
    private final ClusterNodeStore nodes = new ClusterNodeStore() {
        @Override
        public void beat(String nodeId, Instant startedAt, Instant now) {
            heartbeats.put(nodeId, now);
        }

        @Override
        public List<Node> all() {
            return heartbeats.entrySet().stream().map(e -> new Node(e.getKey(), e.getValue(), e.getValue())).toList();
        }

        @Override
        public void forgetBefore(Instant before) {
        }
    };
    private final ServerMetrics metrics = new ServerMetrics(runs, pending, nodes);
    private final RunMetrics handler = new RunMetrics(metrics, runs, pipelines);

    @Test
    void batchTimingsScheduleLatenessWaitingRunsAndHeartbeatAgesAreMeasured() throws Exception {
        MetricsMeasurements measurements = new MetricsMeasurements(metrics);
        measurements.batchWritten("p1", "public.a", 10_000, 40_000_000L);
        measurements.batchWritten("p1", "public.a", 10_000, 2_000_000_000L);
        measurements.scheduleFired("p1", 120);
        pending.queue("p1", "schedule", Instant.now());
        nodes.beat("node-a", Instant.now(), Instant.now().minusSeconds(12));

        String text = scrape();

        assertThat(text).contains("arus_batch_duration_seconds_bucket{pipeline_id=\"p1\",stream=\"public.a\",le=\"0.05\"} 1")
                .contains("arus_batch_duration_seconds_bucket{pipeline_id=\"p1\",stream=\"public.a\",le=\"2.5\"} 2")
                .contains("arus_batch_duration_seconds_count{pipeline_id=\"p1\",stream=\"public.a\"} 2")
                .contains("arus_schedule_lateness_seconds_bucket{pipeline_id=\"p1\",le=\"0.25\"} 1")
                .contains("arus_runs_waiting 1.0");
        double age = Double.parseDouble(text.lines().filter(l -> l.startsWith("arus_node_heartbeat_age_seconds{node=\"node-a\"}"))
                .findFirst().orElseThrow().split(" ")[1]);
        assertThat(age).isBetween(11.0, 20.0);
    }

    @Test
    void rowCountersMoveWithProgressAndEqualTheRunsCountersAtItsEnd() throws Exception {
        Instant start = Instant.parse("2026-12-05T10:00:00Z");
        Run run = runs.add("p1", RunStatus.RUNNING, start, null);
        handler.handleEvent(progress(run.id(), "public.a", 100, 90));
        assertThat(scrape()).contains("arus_rows_written_total{pipeline=\"\",pipeline_id=\"p1\",stream=\"public.a\"} 90.0");
        handler.handleEvent(progress(run.id(), "public.a", 250, 240));
        handler.handleEvent(progress(run.id(), "public.a", 250, 240)); // the same counts again add nothing
        assertThat(scrape()).contains("arus_rows_written_total{pipeline=\"\",pipeline_id=\"p1\",stream=\"public.a\"} 240.0");

        runs.saveStream(new RunStream(run.id(), "public.a", RunStatus.SUCCEEDED, 300, 295, 5, 2, 4096, 65_000, null,
                null, null));
        runs.setStatus(run.id(), RunStatus.SUCCEEDED, null, start.plusSeconds(65));
        Map<String, Object> ended = new HashMap<>();
        ended.put(RunEvents.RUN_ID, run.id());
        ended.put(RunEvents.PIPELINE_ID, "p1");
        ended.put(RunEvents.PIPELINE_NAME, "orders");
        ended.put(RunEvents.STATUS, "succeeded");
        handler.handleEvent(new Event(RunEvents.RUN_STATE, ended));

        String text = scrape();
        assertThat(text).contains("arus_rows_read_total{pipeline=\"orders\",pipeline_id=\"p1\",stream=\"public.a\"} 50.0")
                .contains("arus_rows_written_total{pipeline=\"orders\",pipeline_id=\"p1\",stream=\"public.a\"} 55.0")
                .contains("arus_rows_rejected_total{pipeline=\"orders\",pipeline_id=\"p1\",stream=\"public.a\"} 5.0")
                .contains("arus_rows_deleted_total{pipeline=\"orders\",pipeline_id=\"p1\",stream=\"public.a\"} 2.0")
                .contains("arus_bytes_read_total{pipeline=\"orders\",pipeline_id=\"p1\",stream=\"public.a\"} 4096.0")
                .contains("arus_runs_total{pipeline=\"orders\",pipeline_id=\"p1\",status=\"succeeded\"} 1.0")
                .contains("arus_run_duration_seconds_bucket{pipeline=\"orders\",pipeline_id=\"p1\",status=\"succeeded\",le=\"300.0\"} 1")
                .contains("arus_run_duration_seconds_sum{pipeline=\"orders\",pipeline_id=\"p1\",status=\"succeeded\"} 65.0");
        // the rows before the name was known and after add up to the run's own counters
        assertThat(sum(text, "arus_rows_written_total{")).isEqualTo(295);
        assertThat(sum(text, "arus_rows_read_total{")).isEqualTo(300);
    }

    @Test
    void aRetryIsCounted() throws Exception {
        handler.handleEvent(new Event(RunEvents.RETRY, Map.of(RunEvents.RUN_ID, "r", RunEvents.PIPELINE_ID, "p2",
                RunEvents.STREAM, "s", RunEvents.ATTEMPT, 1)));
        assertThat(scrape()).contains("arus_stream_retries_total{pipeline_id=\"p2\",stream=\"s\"} 1.0");
    }

    @Test
    void routesNameIdsNotValues() {
        assertThat(io.arus.core.platform.ApiRoute.of("/api/pipelines/6f1c2a9e-1b2c-4d5e-8f90-123456789abc/runs"))
                .isEqualTo("/api/pipelines/{id}/runs");
        assertThat(io.arus.core.platform.ApiRoute.of("/api/runs/12/logs")).isEqualTo("/api/runs/{id}/logs");
        assertThat(io.arus.core.platform.ApiRoute.of("/api/a/b/c/d/e/f/g/h")).isEqualTo("/api/a/b/c/d/e/...");
    }

    private Event progress(String runId, String stream, long read, long written) {
        return new Event(RunEvents.RUN_PROGRESS, Map.of(RunEvents.RUN_ID, runId, RunEvents.PIPELINE_ID, "p1",
                RunEvents.STREAM, stream, RunEvents.ROWS_READ, read, RunEvents.ROWS_WRITTEN, written,
                RunEvents.ROWS_REJECTED, 0L, RunEvents.ROWS_DELETED, 0L));
    }

    private String scrape() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, metrics.registry.scrape());
        return out.toString(StandardCharsets.UTF_8);
    }

    private static long sum(String text, String prefix) {
        return text.lines().filter(line -> line.startsWith(prefix))
                .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }
}
