package io.arus.core.shell.internal;

import io.arus.core.engine.RunService;
import io.arus.core.store.AuditLog;
import io.arus.core.store.Pipeline;
import io.arus.core.store.PipelineStore;
import io.arus.core.store.Run;
import io.arus.core.store.RunStore;
import io.arus.core.store.RunStream;
import java.time.Duration;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The pipeline and run commands of the shell: {@code arus:pipelines}, {@code arus:run}, {@code arus:runs},
 * {@code arus:status} and {@code arus:cancel}. A run started here carries the trigger {@code shell}; whoever holds
 * the server's terminal holds the server, so the shell needs no token, but every run it starts is audited.
 * A separate component from {@link ArusCommands}, so the plugin commands stay when the engine is away.
 */
@Component(service = PipelineCommands.class, property = {
    "osgi.command.scope=arus",
    "osgi.command.function=pipelines",
    "osgi.command.function=run",
    "osgi.command.function=runs",
    "osgi.command.function=status",
    "osgi.command.function=cancel"
})
public final class PipelineCommands {
    private static final String ACTOR = "shell";

    private final PipelineStore pipelines;
    private final RunStore runs;
    private final RunService runService;
    private final AuditLog audit;

    @Activate
    public PipelineCommands(@Reference PipelineStore pipelines, @Reference RunStore runs,
                            @Reference RunService runService, @Reference AuditLog audit) {
        this.pipelines = pipelines;
        this.runs = runs;
        this.runService = runService;
        this.audit = audit;
    }

    @Descriptor("list the pipelines with their last run (GET /api/pipelines)")
    public String pipelines() {
        TextTable table = new TextTable("ID", "NAME", "ENABLED", "SCHEDULE", "LAST RUN", "STATUS", "TRIGGER");
        List<Pipeline> all = pipelines.list();
        for (Pipeline pipeline : all) {
            Run last = runs.list(pipeline.id(), 1).stream().findFirst().orElse(null);
            table.row(pipeline.id(), pipeline.name(), pipeline.enabled(), pipeline.scheduleCron(),
                    last == null ? "" : last.id(), last == null ? "never run" : last.status().id(),
                    last == null ? "" : last.trigger());
        }
        return table.toString() + all.size() + " pipeline" + (all.size() == 1 ? "" : "s") + "\n";
    }

    @Descriptor("start a run of a pipeline, by id or name (POST /api/pipelines/{id}/runs); prints the run id")
    public String run(@Descriptor("pipeline id or name") String pipeline) {
        Pipeline target = find(pipeline);
        try {
            Run run = runService.start(target.id(), "shell");
            audit.record(ACTOR, "pipeline.run", "run:" + run.id(), target.name(), null);
            return "run " + run.id() + " of " + target.name() + " started (arus:status " + run.id() + ")\n";
        } catch (IllegalStateException | NoSuchElementException e) {
            return "not started: " + e.getMessage() + "\n";
        }
    }

    @Descriptor("list the latest runs of a pipeline, by id or name (GET /api/pipelines/{id}/runs)")
    public String runs(@Descriptor("pipeline id or name") String pipeline) {
        Pipeline target = find(pipeline);
        TextTable table = new TextTable("RUN", "STATUS", "TRIGGER", "STARTED", "ENDED", "ERROR");
        for (Run run : runs.list(target.id(), 20)) {
            table.row(run.id(), run.status().id(), run.trigger(), run.startedAt(), run.endedAt(), run.error());
        }
        return table.toString();
    }

    @Descriptor("show a run with its streams and counters (GET /api/runs/{id})")
    public String status(@Descriptor("run id") String runId) {
        Run run = runs.byId(runId).orElseThrow(() -> new IllegalArgumentException("no run " + runId));
        StringBuilder text = new StringBuilder();
        text.append("run ").append(run.id()).append(": ").append(run.status().id())
                .append(" (trigger ").append(run.trigger()).append(")\n");
        text.append("started ").append(run.startedAt() == null ? "-" : run.startedAt())
                .append(", ended ").append(run.endedAt() == null ? "-" : run.endedAt()).append('\n');
        if (run.error() != null) {
            text.append("error: ").append(run.error()).append('\n');
        }
        TextTable table = new TextTable("STREAM", "STATUS", "READ", "WRITTEN", "DELETED", "REJECTED", "DURATION",
                "ROWS/S", "ERROR");
        for (RunStream stream : runs.streams(runId)) {
            long perSecond = stream.durationMs() <= 0 ? 0 : stream.rowsWritten() * 1000 / stream.durationMs();
            table.row(stream.stream(), stream.status().id(), stream.rowsRead(), stream.rowsWritten(),
                    stream.rowsDeleted(), stream.rowsRejected(), Duration.ofMillis(stream.durationMs()), perSecond, stream.error());
        }
        return text.append(table).toString();
    }

    @Descriptor("cancel a run at its next batch boundary (POST /api/runs/{id}/cancel)")
    public String cancel(@Descriptor("run id") String runId) {
        Run run = runService.cancel(runId).orElseThrow(() -> new IllegalArgumentException("no run " + runId));
        audit.record(ACTOR, "run.cancel", "run:" + runId, null, null);
        return "run " + runId + ": " + run.status().id() + "\n";
    }

    private Pipeline find(String idOrName) {
        return pipelines.byId(idOrName)
                .or(() -> pipelines.list().stream().filter(p -> p.name().equals(idOrName)).findFirst())
                .orElseThrow(() -> new IllegalArgumentException("no pipeline with id or name " + idOrName));
    }
}
