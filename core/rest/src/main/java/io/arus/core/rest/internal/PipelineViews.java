package io.arus.core.rest.internal;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.arus.core.model.PipelineSpec;
import io.arus.core.service.SavedPipeline;

import io.arus.core.store.Run;
import io.arus.core.store.RunModel;
import io.arus.core.store.RunStream;
import io.arus.core.store.RunTotals;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON shapes of pipelines and runs. */
final class PipelineViews {
    private PipelineViews() {
    }

    /**
     * A pipeline as answers show it: the fields a client sends (the model, defaults applied, with its
     * {@code notifications}) at the top level, beside its id, times and {@code last_run}, so that a list of pipelines
     * needs no request per pipeline. A GET answer can be PUT back: the read-only fields are ignored then.
     */
    @JsonPropertyOrder({"id"})
    record PipelineView(String id, @JsonUnwrapped PipelineSpec spec, Instant createdAt, Instant updatedAt,
                        Map<String, Object> lastRun) {
        static PipelineView of(SavedPipeline saved, Run lastRun) {
            return new PipelineView(saved.id(), saved.spec(), saved.createdAt(), saved.updatedAt(),
                    lastRun == null ? null : run(lastRun));
        }
    }

    /** A run without its streams: where it stands and when. */
    static Map<String, Object> run(Run run) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", run.id());
        view.put("pipeline_id", run.pipelineId());
        view.put("status", run.status().id());
        view.put("trigger", run.trigger());
        view.put("created_at", run.createdAt());
        view.put("started_at", run.startedAt());
        view.put("ended_at", run.endedAt());
        view.put("error", run.error());
        return view;
    }

    /**
     * A run as lists of runs show it: where it stands, its pipeline's name and its counters.
     *
     * @param pipelineName the pipeline's name, or null when it is gone
     * @param totals       the run's counters, or null for a run without streams
     */
    static Map<String, Object> run(Run run, String pipelineName, RunTotals totals) {
        Map<String, Object> view = run(run);
        view.put("pipeline_name", pipelineName);
        RunTotals counted = totals == null ? RunTotals.NONE : totals;
        view.put("rows_read", counted.rowsRead());
        view.put("rows_written", counted.rowsWritten());
        view.put("rows_deleted", counted.rowsDeleted());
        view.put("rows_rejected", counted.rowsRejected());
        view.put("duration_ms", run.startedAt() == null || run.endedAt() == null ? null
                : Duration.between(run.startedAt(), run.endedAt()).toMillis());
        return view;
    }

    /**
     * A run with its streams' counters, their sums, the quality checks and schema changes of all its streams, and its
     * SQL models in the order they ran. Without streams (a list of a pipeline's runs), the sums, checks, changes and
     * models are null.
     */
    record RunView(String id, String pipelineId, String pipelineName, String status, String trigger, Instant createdAt,
                   Instant startedAt, Instant endedAt, String error, Long rowsRead, Long rowsWritten, Long rowsDeleted,
                   Long rowsRejected, List<Map<String, Object>> checks, List<Map<String, Object>> schemaChanges,
                   List<StreamView> streams, List<ModelView> models) {
        static RunView of(Run run, List<RunStream> streams, List<RunModel> models) {
            return of(run, streams, models, null);
        }

        /** A run of a list: its counters from {@code totals} (null for a run without streams), no streams. */
        static RunView summary(Run run, RunTotals totals) {
            RunTotals counted = totals == null ? RunTotals.NONE : totals;
            return new RunView(run.id(), run.pipelineId(), null, run.status().id(), run.trigger(), run.createdAt(),
                    run.startedAt(), run.endedAt(), run.error(), counted.rowsRead(), counted.rowsWritten(),
                    counted.rowsDeleted(), counted.rowsRejected(), null, null, null, null);
        }

        static RunView of(Run run, List<RunStream> streams, List<RunModel> models, String pipelineName) {
            List<ModelView> modelViews = models == null ? null : models.stream().map(ModelView::of).toList();
            if (streams == null) {
                return new RunView(run.id(), run.pipelineId(), pipelineName, run.status().id(), run.trigger(),
                        run.createdAt(), run.startedAt(), run.endedAt(), run.error(), null, null, null, null, null, null,
                        null, modelViews);
            }
            List<StreamView> views = streams.stream().map(StreamView::of).toList();
            List<Map<String, Object>> checks = new ArrayList<>();
            List<Map<String, Object>> changes = new ArrayList<>();
            for (StreamView stream : views) {
                checks.addAll(RunResults.checks(stream.name(), stream.checks()));
                changes.addAll(RunResults.schemaChanges(stream.name(), stream.schemaChanges()));
            }
            return new RunView(run.id(), run.pipelineId(), pipelineName, run.status().id(), run.trigger(),
                    run.createdAt(), run.startedAt(), run.endedAt(), run.error(),
                    views.stream().mapToLong(StreamView::rowsRead).sum(),
                    views.stream().mapToLong(StreamView::rowsWritten).sum(),
                    views.stream().mapToLong(StreamView::rowsDeleted).sum(),
                    views.stream().mapToLong(StreamView::rowsRejected).sum(), checks, changes, views, modelViews);
        }
    }

    /**
     * One SQL model of a run.
     *
     * @param materialization {@code table}, {@code view} or {@code incremental}
     * @param status          {@code succeeded}, {@code failed} or {@code skipped}
     * @param rows            the rows a table holds or an incremental model added; null for a view, a failed or a
     *                        skipped model
     * @param error           the database's message when it failed, why it was skipped, else null
     */
    record ModelView(String name, String materialization, String status, Long rows, long durationMs, String error) {
        static ModelView of(RunModel m) {
            return new ModelView(m.name(), m.materialization(), m.status(), m.rows(), m.durationMs(), m.error());
        }
    }

    /**
     * The counters of one stream of a run.
     *
     * @param lagBytes        a change-capture stream: the bytes of source log after what it read; null for other
     *                        streams and while unknown
     * @param lagSeconds      a change-capture stream: seconds from the commit of the last change it read to when it
     *                        read it (0 when caught up); null for other streams and while unknown (its snapshot)
     * @param eventsPerSecond a change-capture stream: the changes it read per second over the last ten seconds or
     *                        so; null for other streams
     */
    record StreamView(String name, String status, long rowsRead, long rowsWritten, long rowsDeleted, long rowsRejected,
                      long rowsFiltered, long bytes, long durationMs, long rowsPerSecond, String error, Object checks,
                      Object schemaChanges, Long lagBytes, Double lagSeconds, Double eventsPerSecond) {
        static StreamView of(RunStream s) {
            return new StreamView(s.stream(), s.status().id(), s.rowsRead(), s.rowsWritten(), s.rowsDeleted(),
                    s.rowsRejected(), s.rowsFiltered(), s.bytes(), s.durationMs(),
                    s.durationMs() <= 0 ? 0 : s.rowsRead() * 1000 / s.durationMs(), s.error(), RunResults.json(s.checks()),
                    RunResults.json(s.schemaChanges()), s.lagBytes(), s.lagMs() == null ? null : s.lagMs() / 1000.0,
                    s.eventsPerSecond());
        }
    }
}
