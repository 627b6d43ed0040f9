package io.arus.core.shell.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.arus.core.model.ModelReader;
import io.arus.core.service.Actor;
import io.arus.core.service.PipelineService;
import io.arus.core.service.RunControlService;
import io.arus.core.service.SavedPipeline;
import io.arus.core.store.Run;
import io.arus.core.store.RunStore;
import java.util.List;
import java.util.Map;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The pipeline commands of the shell: list, show, create, delete, enable, disable, reset state, and starting and
 * steering runs. They call the services REST calls, as the session's actor ({@link ShellLogins}), so the role
 * checks and audit entries are the API's; a run started here carries the trigger {@code shell}.
 */
@Component(service = PipelineCommands.class, property = {
    "osgi.command.scope=arus",
    "osgi.command.function=pipelines",
    "osgi.command.function=pipeline",
    "osgi.command.function=pipelinecreate",
    "osgi.command.function=pipelinedelete",
    "osgi.command.function=enable",
    "osgi.command.function=disable",
    "osgi.command.function=reset",
    "osgi.command.function=run",
    "osgi.command.function=pause",
    "osgi.command.function=resume",
    "osgi.command.function=cancel"
})
public final class PipelineCommands {
    private final ShellLogins logins;
    private final PipelineService pipelines;
    private final RunControlService control;
    private final RunStore runs;

    @Activate
    public PipelineCommands(@Reference ShellLogins logins, @Reference PipelineService pipelines,
                            @Reference RunControlService control, @Reference RunStore runs) {
        this.logins = logins;
        this.pipelines = pipelines;
        this.control = control;
        this.runs = runs;
    }

    @Descriptor("list the pipelines with their last run (GET /api/pipelines)")
    public String pipelines(CommandSession session) {
        logins.actor(session);
        TextTable table = new TextTable("ID", "NAME", "ENABLED", "SCHEDULE", "LAST RUN", "STATUS", "TRIGGER");
        List<SavedPipeline> all = pipelines.list();
        Map<String, Run> latest = runs.latestByPipeline();
        for (SavedPipeline pipeline : all) {
            Run last = latest.get(pipeline.id());
            table.row(pipeline.id(), pipeline.spec().name(), pipeline.spec().enabled(),
                    pipeline.spec().schedule() == null ? "" : pipeline.spec().schedule().cron(),
                    last == null ? "" : last.id(), last == null ? "never run" : last.status().id(),
                    last == null ? "" : last.trigger());
        }
        return table.toString() + all.size() + " pipeline" + (all.size() == 1 ? "" : "s") + "\n";
    }

    @Descriptor("show a pipeline, by id or name, as YAML with its last run (GET /api/pipelines/{id})")
    public String pipeline(CommandSession session, @Descriptor("pipeline id or name") String pipeline) {
        logins.actor(session);
        SavedPipeline found = find(pipeline);
        ObjectNode node = ShellYaml.object();
        ShellYaml.put(node, "id", found.id());
        ShellYaml.merge(node, found.spec());
        ShellYaml.put(node, "created_at", found.createdAt());
        ShellYaml.put(node, "updated_at", found.updatedAt());
        Run last = runs.latestByPipeline().get(found.id());
        if (last != null) {
            ObjectNode run = ShellYaml.object();
            ShellYaml.put(run, "id", last.id());
            ShellYaml.put(run, "status", last.status().id());
            ShellYaml.put(run, "trigger", last.trigger());
            ShellYaml.put(run, "started_at", last.startedAt());
            ShellYaml.put(run, "ended_at", last.endedAt());
            node.set("last_run", run);
        }
        return ShellYaml.text(node);
    }

    @Descriptor("create a pipeline from a YAML or JSON file in the API's shape (POST /api/pipelines); prints its id")
    public String pipelineCreate(CommandSession session, @Descriptor("file with name, source_id, destination_id, streams...")
                                 String file) {
        Actor actor = logins.actor(session);
        SavedPipeline created = pipelines.create(actor, ModelReader.pipeline(ShellYaml.read(file)));
        return "pipeline " + created.spec().name() + " created: " + created.id() + "\n";
    }

    @Descriptor("delete a pipeline, by id or name, with its offsets; its runs stay in the history (DELETE /api/pipelines/{id})")
    public String pipelineDelete(CommandSession session, @Descriptor("pipeline id or name") String pipeline) {
        Actor actor = logins.actor(session);
        SavedPipeline found = find(pipeline);
        pipelines.delete(actor, found.id());
        return "pipeline " + found.spec().name() + " deleted\n";
    }

    @Descriptor("enable a pipeline's schedule, by id or name (POST /api/pipelines/{id}/enable)")
    public String enable(CommandSession session, @Descriptor("pipeline id or name") String pipeline) {
        Actor actor = logins.actor(session);
        SavedPipeline saved = pipelines.setEnabled(actor, find(pipeline).id(), true);
        return "pipeline " + saved.spec().name() + " enabled\n";
    }

    @Descriptor("disable a pipeline's schedule, by id or name (POST /api/pipelines/{id}/disable)")
    public String disable(CommandSession session, @Descriptor("pipeline id or name") String pipeline) {
        Actor actor = logins.actor(session);
        SavedPipeline saved = pipelines.setEnabled(actor, find(pipeline).id(), false);
        return "pipeline " + saved.spec().name() + " disabled\n";
    }

    @Descriptor("forget a pipeline's stored offsets: its next run resyncs every stream (DELETE /api/pipelines/{id}/state)")
    public String reset(CommandSession session, @Descriptor("pipeline id or name") String pipeline) {
        Actor actor = logins.actor(session);
        SavedPipeline found = find(pipeline);
        pipelines.resetState(actor, found.id());
        return "state of " + found.spec().name() + " reset: the next run starts from scratch\n";
    }

    @Descriptor("start a run of a pipeline, by id or name (POST /api/pipelines/{id}/runs); prints the run id")
    public String run(CommandSession session, @Descriptor("pipeline id or name") String pipeline) {
        Actor actor = logins.actor(session);
        SavedPipeline target = find(pipeline);
        Run run = control.start(actor, target.id(), "shell");
        return "run " + run.id() + " of " + target.spec().name() + " started (arus:status " + run.id() + ")\n";
    }

    @Descriptor("pause a running run at its next batch boundary, offsets stored (POST /api/runs/{id}/pause)")
    public String pause(CommandSession session, @Descriptor("run id") String runId) {
        Run run = control.pause(logins.actor(session), runId);
        return "run " + runId + ": " + run.status().id() + "\n";
    }

    @Descriptor("resume a paused run (POST /api/runs/{id}/resume)")
    public String resume(CommandSession session, @Descriptor("run id") String runId) {
        Run run = control.resume(logins.actor(session), runId);
        return "run " + runId + ": " + run.status().id() + "\n";
    }

    @Descriptor("cancel a run at its next batch boundary (POST /api/runs/{id}/cancel)")
    public String cancel(CommandSession session, @Descriptor("run id") String runId) {
        Run run = control.cancel(logins.actor(session), runId);
        return "run " + runId + ": " + run.status().id() + "\n";
    }

    private SavedPipeline find(String idOrName) {
        return pipelines.byName(idOrName).orElseGet(() -> pipelines.get(idOrName));
    }
}
