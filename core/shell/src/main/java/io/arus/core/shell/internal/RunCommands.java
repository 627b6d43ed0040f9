package io.arus.core.shell.internal;

import io.arus.core.service.NotFoundException;
import io.arus.core.service.PipelineService;
import io.arus.core.service.SavedPipeline;
import io.arus.core.store.LogFilter;
import io.arus.core.store.Run;
import io.arus.core.store.RunFilter;
import io.arus.core.store.RunLogLine;
import io.arus.core.store.RunModel;
import io.arus.core.store.RunStatus;
import io.arus.core.store.RunStore;
import io.arus.core.store.RunStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The run history of the shell: {@code arus:runs}, {@code arus:status} and {@code arus:log} (viewers and up). */
@Component(service = RunCommands.class, property = {
    "osgi.command.scope=arus",
    "osgi.command.function=runs",
    "osgi.command.function=status",
    "osgi.command.function=log"
})
public final class RunCommands {
    private static final int MAX_LIMIT = 500;
    private static final int MAX_LOG_LINES = 5000;

    private final ShellLogins logins;
    private final PipelineService pipelines;
    private final RunStore runs;

    @Activate
    public RunCommands(@Reference ShellLogins logins, @Reference PipelineService pipelines, @Reference RunStore runs) {
        this.logins = logins;
        this.pipelines = pipelines;
        this.runs = runs;
    }

    @Descriptor("list the latest runs, newest first, of every pipeline or of one (GET /api/runs)")
    public String runs(CommandSession session,
                       @Descriptor("only runs with this status (queued, running, paused, succeeded, "
                               + "succeeded_with_warnings, failed, cancelled)")
                       @Parameter(names = "--status", absentValue = "") String status,
                       @Descriptor("how many, 1 to 500 (20)") @Parameter(names = "--limit", absentValue = "20") int limit,
                       @Descriptor("pipeline id or name, or nothing for all") String... pipeline) {
        logins.actor(session);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("--limit must be between 1 and " + MAX_LIMIT);
        }
        if (pipeline.length > 1) {
            throw new IllegalArgumentException("name one pipeline at most");
        }
        String pipelineId = pipeline.length == 0 ? null : find(pipeline[0]).id();
        RunStatus wanted = status.isEmpty() ? null : RunStatus.parse(status);
        Map<String, String> names = pipelines.list().stream()
                .collect(Collectors.toMap(SavedPipeline::id, p -> p.spec().name(), (a, b) -> a));
        TextTable table = new TextTable("RUN", "PIPELINE", "STATUS", "TRIGGER", "STARTED", "ENDED", "ERROR");
        List<Run> found = runs.find(new RunFilter(pipelineId, wanted, null, null, null), limit, 0);
        for (Run run : found) {
            table.row(run.id(), names.getOrDefault(run.pipelineId(), run.pipelineId()), run.status().id(), run.trigger(),
                    run.startedAt(), run.endedAt(), run.error());
        }
        return table.toString() + found.size() + " run" + (found.size() == 1 ? "" : "s") + "\n";
    }

    @Descriptor("show a run with its streams, counters and SQL models (GET /api/runs/{id})")
    public String status(CommandSession session, @Descriptor("run id") String runId) {
        logins.actor(session);
        Run run = find(runId, runs);
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
        text.append(table);
        List<RunModel> models = runs.models(runId);
        if (!models.isEmpty()) {
            TextTable modelTable = new TextTable("MODEL", "MATERIALIZATION", "STATUS", "ROWS", "DURATION", "ERROR");
            for (RunModel model : models) {
                modelTable.row(model.name(), model.materialization(), model.status(),
                        model.rows() == null ? "-" : model.rows(), Duration.ofMillis(model.durationMs()), model.error());
            }
            text.append(modelTable);
        }
        return text.toString();
    }

    @Descriptor("print a run's log, oldest first (GET /api/runs/{id}/log)")
    public String log(CommandSession session,
                      @Descriptor("the least level shown: debug, info, warn or error") @Parameter(names = "--level", absentValue = "")
                      String level,
                      @Descriptor("only lines holding this text") @Parameter(names = "--grep", absentValue = "") String grep,
                      @Descriptor("at most this many lines, 1 to 5000 (1000)") @Parameter(names = "--limit", absentValue = "1000")
                      int limit,
                      @Descriptor("run id") String runId) {
        logins.actor(session);
        find(runId, runs);
        if (limit < 1 || limit > MAX_LOG_LINES) {
            throw new IllegalArgumentException("--limit must be between 1 and " + MAX_LOG_LINES);
        }
        if (grep.length() > 200) {
            throw new IllegalArgumentException("--grep must be at most 200 characters");
        }
        LogFilter filter = new LogFilter(level.isEmpty() ? null : level, grep);
        StringBuilder text = new StringBuilder();
        for (RunLogLine line : runs.logs(runId, filter, limit, 0)) {
            text.append(line.at()).append(' ').append(String.format("%-5s", line.level().toUpperCase(java.util.Locale.ROOT)))
                    .append(' ').append(line.message()).append('\n');
        }
        return text.toString();
    }

    private SavedPipeline find(String idOrName) {
        return pipelines.byName(idOrName).orElseGet(() -> pipelines.get(idOrName));
    }

    static Run find(String runId, RunStore runs) {
        if (runId == null || runId.length() > 64) {
            throw new NotFoundException("no run " + (runId == null ? "" : runId.substring(0, 64) + "…"));
        }
        return runs.byId(runId).orElseThrow(() -> new NotFoundException("no run " + runId));
    }
}
