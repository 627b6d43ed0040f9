package io.arus.core.rest.internal;

import io.arus.core.engine.RunService;
import io.arus.core.rest.internal.PipelineViews.RunView;
import io.arus.core.store.AuditLog;
import io.arus.core.store.Role;
import io.arus.core.store.Run;
import io.arus.core.store.RunLogLine;
import io.arus.core.store.RunStatus;
import io.arus.core.store.RunStore;
import java.util.List;
import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.DefaultValue;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/** {@code /api/runs/{id}}: a run's state and counters, its log, and cancelling, pausing and resuming it. */
@Component(service = RunResource.class)
@JaxrsResource
@JaxrsApplicationSelect(ArusApplication.SELECT)
@Path("runs")
@Produces(MediaType.APPLICATION_JSON)
public final class RunResource {
    private final RunStore runs;
    private final RunService runService;
    private final AuditLog audit;

    @Context
    SecurityContext security;

    @Context
    HttpServletRequest request;

    /** @param id increasing; pass the last one as {@code after} to follow the log */
    record LogLine(long id, java.time.Instant at, String level, String message) {
        static LogLine of(RunLogLine line) {
            return new LogLine(line.id(), line.at(), line.level(), line.message());
        }
    }

    @Activate
    public RunResource(@Reference RunStore runs, @Reference RunService runService, @Reference AuditLog audit) {
        this.runs = runs;
        this.runService = runService;
        this.audit = audit;
    }

    @GET
    @Path("{id}")
    @RequiresRole(Role.VIEWER)
    public RunView get(@PathParam("id") String id) {
        Run run = find(id);
        return RunView.of(run, runs.streams(id));
    }

    @GET
    @Path("{id}/logs")
    @RequiresRole(Role.VIEWER)
    public List<LogLine> logs(@PathParam("id") String id, @QueryParam("after") @DefaultValue("0") long after,
                              @QueryParam("limit") @DefaultValue("500") int limit) {
        find(id);
        if (limit < 1 || limit > 5000) {
            throw ApiException.invalid("limit", "must be between 1 and 5000");
        }
        return runs.logs(id, after, limit).stream().map(LogLine::of).toList();
    }

    /** Stops the run at its next batch boundary; what was flushed stays, and so do the offsets. */
    @POST
    @Path("{id}/cancel")
    @RequiresRole(Role.EDITOR)
    public RunView cancel(@PathParam("id") String id) {
        Run run = find(id);
        if (run.status().isFinal()) {
            throw ApiException.conflict("run " + id + " already ended (" + run.status().id() + ")");
        }
        audit.record(Caller.of(security).username(), "run.cancel", "run:" + id, null, Caller.address(request));
        runService.cancel(id);
        return RunView.of(find(id), runs.streams(id));
    }

    /** Pauses the run at its next batch boundary, offsets stored; 409 unless it is running. */
    @POST
    @Path("{id}/pause")
    @RequiresRole(Role.EDITOR)
    public RunView pause(@PathParam("id") String id) {
        Run run = find(id);
        if (run.status() != RunStatus.RUNNING) {
            throw ApiException.conflict("run " + id + " is " + run.status().id() + "; only a running run can pause");
        }
        audit.record(Caller.of(security).username(), "run.pause", "run:" + id, null, Caller.address(request));
        runService.pause(id);
        return RunView.of(find(id), runs.streams(id));
    }

    /** Resumes a paused run from where its streams wait; 409 unless it is paused. */
    @POST
    @Path("{id}/resume")
    @RequiresRole(Role.EDITOR)
    public RunView resume(@PathParam("id") String id) {
        Run run = find(id);
        if (run.status() != RunStatus.PAUSED) {
            throw ApiException.conflict("run " + id + " is " + run.status().id() + "; only a paused run can resume");
        }
        audit.record(Caller.of(security).username(), "run.resume", "run:" + id, null, Caller.address(request));
        runService.resume(id);
        return RunView.of(find(id), runs.streams(id));
    }

    private Run find(String id) {
        return runs.byId(id).orElseThrow(() -> ApiException.notFound("no run " + id));
    }
}
