package io.arus.core.metrics.internal;

import io.arus.core.engine.RunEvents;
import io.arus.core.store.PipelineStore;
import io.arus.core.store.Run;
import io.arus.core.store.RunStatus;
import io.arus.core.store.RunStore;
import io.arus.core.store.RunStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

/**
 * Counts rows as runs report progress, and settles each stream's counters with what the run stored when it ends,
 * so that the row counters move while runs go on and add up to the runs' own counters exactly.
 */
@Component(service = EventHandler.class, property = EventConstants.EVENT_TOPIC + "=arus/run/*")
public final class RunMetrics implements EventHandler {
    private static final int READ = 0;
    private static final int WRITTEN = 1;
    private static final int REJECTED = 2;
    private static final int DELETED = 3;

    private final ServerMetrics metrics;
    private final RunStore runs;
    private final PipelineStore pipelines;
    /** Per run, per stream: the counts already added (read, written, rejected, deleted). */
    private final Map<String, Map<String, long[]>> counted = new HashMap<>();
    /** Per run: its pipeline's name, looked up once. */
    private final Map<String, String> names = new HashMap<>();

    @Activate
    public RunMetrics(@Reference ServerMetrics metrics, @Reference RunStore runs, @Reference PipelineStore pipelines) {
        this.metrics = metrics;
        this.runs = runs;
        this.pipelines = pipelines;
    }

    @Override
    public synchronized void handleEvent(Event event) {
        String runId = (String) event.getProperty(RunEvents.RUN_ID);
        String pipelineId = (String) event.getProperty(RunEvents.PIPELINE_ID);
        if (runId == null || pipelineId == null) {
            return;
        }
        switch (event.getTopic()) {
            case RunEvents.RUN_PROGRESS -> progress(runId, pipelineId, event);
            case RunEvents.RUN_STATE -> state(runId, pipelineId, event);
            case RunEvents.RETRY -> metrics.retries.labelValues(pipelineId, String.valueOf(event.getProperty(RunEvents.STREAM))).inc();
            default -> {
                // quality checks, schema changes, lag: in the run's own answer
            }
        }
    }

    private void progress(String runId, String pipelineId, Event event) {
        String stream = (String) event.getProperty(RunEvents.STREAM);
        if (stream == null) {
            return;
        }
        add(runId, pipelineId, names.computeIfAbsent(runId, r -> name(pipelineId)), stream, new long[] {number(event, RunEvents.ROWS_READ),
                number(event, RunEvents.ROWS_WRITTEN), number(event, RunEvents.ROWS_REJECTED),
                number(event, RunEvents.ROWS_DELETED)}, 0);
    }

    private void state(String runId, String pipelineId, Event event) {
        Object status = event.getProperty(RunEvents.STATUS);
        if (status == null || !RunStatus.parse(status.toString()).isFinal()) {
            return;
        }
        String name = event.getProperty(RunEvents.PIPELINE_NAME) instanceof String given ? given : name(pipelineId);
        for (RunStream stream : runs.streams(runId)) {
            add(runId, pipelineId, name, stream.stream(), new long[] {stream.rowsRead(), stream.rowsWritten(),
                    stream.rowsRejected(), stream.rowsDeleted()}, stream.bytes());
        }
        counted.remove(runId);
        metrics.runs.labelValues(pipelineId, name, status.toString()).inc();
        names.remove(runId);
        Run run = runs.byId(runId).orElse(null);
        if (run != null && run.startedAt() != null && run.endedAt() != null) {
            metrics.runDuration.labelValues(pipelineId, name, status.toString())
                    .observe(Duration.between(run.startedAt(), run.endedAt()).toMillis() / 1000.0);
        }
    }

    /** Adds what a stream's cumulative counts moved by since they were last counted (never less than nothing). */
    private void add(String runId, String pipelineId, String name, String stream, long[] now, long bytes) {
        long[] before = counted.computeIfAbsent(runId, r -> new HashMap<>()).computeIfAbsent(stream, s -> new long[4]);
        addDelta(metrics.rowsRead, pipelineId, name, stream, before, now, READ);
        addDelta(metrics.rowsWritten, pipelineId, name, stream, before, now, WRITTEN);
        addDelta(metrics.rowsRejected, pipelineId, name, stream, before, now, REJECTED);
        addDelta(metrics.rowsDeleted, pipelineId, name, stream, before, now, DELETED);
        if (bytes > 0) {
            metrics.bytesRead.labelValues(pipelineId, name, stream).inc(bytes);
        }
    }

    private static void addDelta(io.prometheus.metrics.core.metrics.Counter counter, String pipelineId, String name,
                                 String stream, long[] before, long[] now, int which) {
        long delta = now[which] - before[which];
        if (delta > 0) {
            counter.labelValues(pipelineId, name, stream).inc(delta);
            before[which] = now[which];
        } else {
            // make sure the series exists (a run that read nothing still shows 0)
            counter.labelValues(pipelineId, name, stream);
        }
    }

    private String name(String pipelineId) {
        return pipelines.byId(pipelineId).map(p -> p.name()).orElse("");
    }

    private static long number(Event event, String key) {
        return event.getProperty(key) instanceof Number n ? n.longValue() : 0;
    }
}
