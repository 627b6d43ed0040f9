package io.arus.core.service.internal;

import io.arus.core.engine.RunService;
import io.arus.core.service.Actor;
import io.arus.core.service.ConflictException;
import io.arus.core.service.NotFoundException;
import io.arus.core.service.RunControlService;
import io.arus.core.store.AuditLog;
import io.arus.core.store.Pipeline;
import io.arus.core.store.PipelineStore;
import io.arus.core.store.Role;
import io.arus.core.store.Run;
import io.arus.core.store.RunStatus;
import io.arus.core.store.RunStore;
import java.util.NoSuchElementException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@link RunControlService} over the engine: each call is audited before the engine acts. */
@Component(service = RunControlService.class)
public final class RunControl implements RunControlService {
    private final RunService engine;
    private final RunStore runs;
    private final PipelineStore pipelines;
    private final AuditLog audit;

    @Activate
    public RunControl(@Reference RunService engine, @Reference RunStore runs,
                                   @Reference PipelineStore pipelines, @Reference AuditLog audit) {
        this.engine = engine;
        this.runs = runs;
        this.pipelines = pipelines;
        this.audit = audit;
    }

    @Override
    public Run start(Actor actor, String pipelineId, String trigger) {
        actor.require(Role.EDITOR);
        Pipeline pipeline = (pipelineId == null || pipelineId.length() > 64 ? null : pipelines.byId(pipelineId).orElse(null));
        if (pipeline == null) {
            throw new NotFoundException("no pipeline " + pipelineId);
        }
        String how = trigger == null ? "api" : trigger;
        // before the run starts, as it works outside any transaction of ours: the entry names the pipeline, as the
        // run does not exist yet
        audit.record(actor.username(), "pipeline.run", "pipeline:" + pipeline.id(), pipeline.name() + ", trigger " + how,
                actor.address());
        try {
            return engine.start(pipeline.id(), how);
        } catch (IllegalStateException e) {
            throw new ConflictException(e.getMessage());
        } catch (NoSuchElementException e) {
            throw new NotFoundException(e.getMessage());
        }
    }

    @Override
    public Run cancel(Actor actor, String runId) {
        actor.require(Role.EDITOR);
        Run run = find(runId);
        if (run.status().isFinal()) {
            throw new ConflictException("run " + runId + " already ended (" + run.status().id() + ")");
        }
        audit.record(actor.username(), "run.cancel", "run:" + runId, null, actor.address());
        engine.cancel(runId);
        return find(runId);
    }

    @Override
    public Run pause(Actor actor, String runId) {
        actor.require(Role.EDITOR);
        Run run = find(runId);
        if (run.status() != RunStatus.RUNNING) {
            throw new ConflictException("run " + runId + " is " + run.status().id() + "; only a running run can pause");
        }
        audit.record(actor.username(), "run.pause", "run:" + runId, null, actor.address());
        engine.pause(runId);
        return find(runId);
    }

    @Override
    public Run resume(Actor actor, String runId) {
        actor.require(Role.EDITOR);
        Run run = find(runId);
        if (run.status() != RunStatus.PAUSED) {
            throw new ConflictException("run " + runId + " is " + run.status().id() + "; only a paused run can resume");
        }
        audit.record(actor.username(), "run.resume", "run:" + runId, null, actor.address());
        engine.resume(runId);
        return find(runId);
    }

    private Run find(String runId) {
        if (runId == null || runId.length() > 64) {
            throw new NotFoundException("no run " + (runId == null ? "" : runId.substring(0, 64) + "…"));
        }
        return runs.byId(runId).orElseThrow(() -> new NotFoundException("no run " + runId));
    }
}
