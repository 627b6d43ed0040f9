package io.arus.core.rest.internal;

import io.arus.core.store.Pipeline;
import io.arus.core.store.Run;
import io.arus.core.store.RunStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON shapes of pipelines and runs. */
final class PipelineViews {
    private PipelineViews() {
    }

    /** A pipeline: its definition's fields at the top level, as a client sends them. */
    static Map<String, Object> pipeline(Pipeline pipeline) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", pipeline.id());
        view.put("name", pipeline.name());
        view.put("source_id", pipeline.sourceId());
        view.put("destination_id", pipeline.destinationId());
        view.putAll(pipeline.definition());
        view.put("enabled", pipeline.enabled());
        if (pipeline.scheduleCron() != null) {
            Map<String, Object> schedule = new LinkedHashMap<>();
            schedule.put("cron", pipeline.scheduleCron());
            schedule.put("timezone", pipeline.scheduleTimezone());
            view.put("schedule", schedule);
        } else {
            view.put("schedule", null);
        }
        view.put("depends_on", pipeline.dependsOn());
        view.put("created_at", pipeline.createdAt());
        view.put("updated_at", pipeline.updatedAt());
        return view;
    }

    /**
     * A pipeline with its {@code notifications} (the targets that hear its events, see PipelineNotifications) and
     * its {@code last_run}, so that a list of pipelines needs no request per pipeline.
     */
    static Map<String, Object> pipeline(Pipeline pipeline, List<PipelineNotifications.NotificationView> notifications,
                                        Run lastRun) {
        Map<String, Object> view = pipeline(pipeline);
        view.put(PipelineNotifications.FIELD, notifications);
        view.put("last_run", lastRun == null ? null : run(lastRun));
        return view;
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

    /** A run with its streams' counters. */
    record RunView(String id, String pipelineId, String status, String trigger, Instant createdAt, Instant startedAt,
                   Instant endedAt, String error, List<StreamView> streams) {
        static RunView of(Run run, List<RunStream> streams) {
            return new RunView(run.id(), run.pipelineId(), run.status().id(), run.trigger(), run.createdAt(),
                    run.startedAt(), run.endedAt(), run.error(), streams == null ? null : streams.stream().map(StreamView::of).toList());
        }
    }

    /** The counters of one stream of a run. */
    record StreamView(String name, String status, long rowsRead, long rowsWritten, long rowsRejected, long bytes,
                      long durationMs, long rowsPerSecond, String error, Object checks) {
        static StreamView of(RunStream s) {
            return new StreamView(s.stream(), s.status().id(), s.rowsRead(), s.rowsWritten(), s.rowsRejected(), s.bytes(),
                    s.durationMs(), s.durationMs() <= 0 ? 0 : s.rowsRead() * 1000 / s.durationMs(), s.error(), checks(s.checks()));
        }

        private static Object checks(String json) {
            if (json == null) {
                return null;
            }
            try {
                return JsonProvider.MAPPER.readValue(json, Object.class);
            } catch (java.io.IOException e) {
                return json;
            }
        }
    }
}
