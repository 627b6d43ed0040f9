package io.arus.core.metrics.internal;

import io.arus.core.store.ClusterNodeStore;
import io.arus.core.store.PendingRunStore;
import io.arus.core.store.RunStatus;
import io.arus.core.store.RunStore;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The server's metrics, in a registry of their own (never the library's default one, which other bundles could
 * fill).
 */
@Component(service = ServerMetrics.class)
public final class ServerMetrics {
    // no exemplars: they would look for a trace context through the tracer bundles, which the server does not run

    /** Run durations: from a second to a day. */
    private static final double[] RUN_SECONDS = {1, 5, 15, 30, 60, 300, 900, 1800, 3600, 10800, 86400};
    /** Batch write durations: from a millisecond to five minutes. */
    private static final double[] BATCH_SECONDS = {.001, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30, 60, 300};
    /** How late schedules fire: from 10 ms to ten minutes (a misfire). */
    private static final double[] LATE_SECONDS = {.01, .05, .1, .25, .5, 1, 2.5, 5, 10, 30, 60, 600};
    /** Request durations: from a millisecond to a minute. */
    private static final double[] REQUEST_SECONDS = {.001, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 60};

    final PrometheusRegistry registry = new PrometheusRegistry();
    final Counter runs;
    final Counter rowsRead;
    final Counter rowsWritten;
    final Counter rowsRejected;
    final Counter rowsDeleted;
    final Counter bytesRead;
    final Counter retries;
    final Histogram runDuration;
    final Histogram requestDuration;
    final Histogram batchDuration;
    final Histogram scheduleLateness;

    @Activate
    public ServerMetrics(@Reference RunStore store, @Reference PendingRunStore pending,
                         @Reference ClusterNodeStore nodes) {
        runs = Counter.builder().name("arus_runs_total").help("Runs that ended, by pipeline and status")
                .labelNames("pipeline_id", "pipeline", "status").withoutExemplars().register(registry);
        rowsRead = rows("arus_rows_read_total", "Rows read from sources");
        rowsWritten = rows("arus_rows_written_total", "Rows written to destinations");
        rowsRejected = rows("arus_rows_rejected_total", "Rows refused (dead letters)");
        rowsDeleted = rows("arus_rows_deleted_total", "Rows deleted in destinations");
        bytesRead = rows("arus_bytes_read_total", "Bytes read from sources (as the connector counts them)");
        retries = Counter.builder().name("arus_stream_retries_total")
                .help("Times a stream waited and started again because its source or destination was unreachable")
                .labelNames("pipeline_id", "stream").withoutExemplars().register(registry);
        runDuration = Histogram.builder().name("arus_run_duration_seconds").help("Durations of the runs that ended")
                .labelNames("pipeline_id", "pipeline", "status").classicOnly().classicUpperBounds(RUN_SECONDS)
                .withoutExemplars().register(registry);
        requestDuration = Histogram.builder().name("arus_http_request_duration_seconds")
                .help("HTTP API requests by method, route (ids replaced by {id}) and status")
                .labelNames("method", "route", "status").classicOnly().classicUpperBounds(REQUEST_SECONDS)
                .withoutExemplars().register(registry);
        GaugeWithCallback.builder().name("arus_runs_current").help("Runs that have not ended, by status (queued: the queue depth)")
                .labelNames("status").callback(callback -> {
                    for (RunStatus status : List.of(RunStatus.QUEUED, RunStatus.RUNNING, RunStatus.PAUSED)) {
                        callback.call(store.withStatus(List.of(status)).size(), status.id());
                    }
                }).register(registry);
        batchDuration = Histogram.builder().name("arus_batch_duration_seconds")
                .help("Time to write one batch to its destination (flush included when one was due)")
                .labelNames("pipeline_id", "stream").classicOnly().classicUpperBounds(BATCH_SECONDS)
                .withoutExemplars().register(registry);
        scheduleLateness = Histogram.builder().name("arus_schedule_lateness_seconds")
                .help("How long after its fire time a schedule ran (the scheduler's lag)")
                .labelNames("pipeline_id").classicOnly().classicUpperBounds(LATE_SECONDS)
                .withoutExemplars().register(registry);
        GaugeWithCallback.builder().name("arus_runs_waiting")
                .help("Runs queued behind their pipeline's running run (overlap_policy queue)")
                .callback(callback -> callback.call(pending.all().size())).register(registry);
        GaugeWithCallback.builder().name("arus_node_heartbeat_age_seconds")
                .help("Seconds since each node of this metadata database last renewed its run leases (every 5 s; "
                        + "a node silent for 30 s loses its runs)")
                .labelNames("node").callback(callback -> {
                    Instant now = Instant.now();
                    for (ClusterNodeStore.Node node : nodes.all()) {
                        callback.call(Math.max(0, Duration.between(node.heartbeatAt(), now).toMillis()) / 1000.0,
                                node.nodeId());
                    }
                }).register(registry);
        JvmMetrics.builder().register(registry);
    }

    private Counter rows(String name, String help) {
        return Counter.builder().name(name).help(help).labelNames("pipeline_id", "pipeline", "stream").withoutExemplars()
                .register(registry);
    }
}
