package io.arus.core.rest.internal;

import io.arus.core.rest.internal.PipelineViews.RunView;
import io.arus.core.service.RunControlService;
import io.arus.core.store.LogFilter;
import io.arus.core.store.Pipeline;
import io.arus.core.store.PipelineStore;
import io.arus.core.store.Role;
import io.arus.core.store.Run;
import io.arus.core.store.RunLogLine;
import io.arus.core.store.RunSample;
import io.arus.core.store.RunStore;
import io.arus.core.store.RunTotals;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.DefaultValue;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * {@code /api/runs}: runs of every pipeline, filtered; {@code /api/runs/{id}}: a run's state, counters and SQL models,
 * its throughput series, its log (followed, filtered or downloaded), and cancelling, pausing and resuming it.
 */
@Component(service = RunResource.class)
@JaxrsResource
@JaxrsApplicationSelect(ArusApplication.SELECT)
@Path("runs")
@Produces(MediaType.APPLICATION_JSON)
public final class RunResource {
    private final RunStore runs;
    private final RunControlService control;
    private final PipelineStore pipelines;

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
    public RunResource(@Reference RunStore runs, @Reference RunControlService control, @Reference PipelineStore pipelines) {
        this.runs = runs;
        this.control = control;
        this.pipelines = pipelines;
    }

    /** Runs of all pipelines, newest first, each with its pipeline's name and its counters. */
    @GET
    @RequiresRole(Role.VIEWER)
    public List<Map<String, Object>> list(@QueryParam("pipeline_id") String pipelineId,
                                          @QueryParam("status") String status, @QueryParam("trigger") String trigger,
                                          @QueryParam("since") String since, @QueryParam("until") String until,
                                          @QueryParam("limit") @DefaultValue("50") int limit,
                                          @QueryParam("offset") @DefaultValue("0") int offset) {
        RunQuery query = RunQuery.of(pipelineId, status, trigger, since, until, limit, offset);
        List<Run> found = runs.find(query.filter(), query.limit(), query.offset());
        Map<String, RunTotals> totals = runs.totals(found.stream().map(Run::id).toList());
        Map<String, String> names = new LinkedHashMap<>();
        pipelines.list().forEach(p -> names.put(p.id(), p.name()));
        return found.stream().map(run -> PipelineViews.run(run, names.get(run.pipelineId()), totals.get(run.id())))
                .toList();
    }

    @GET
    @Path("{id}")
    @RequiresRole(Role.VIEWER)
    public RunView get(@PathParam("id") String id) {
        Run run = find(id);
        return RunView.of(run, runs.streams(id), runs.models(id),
                pipelines.byId(run.pipelineId()).map(Pipeline::name).orElse(null));
    }

    /** The run's throughput, sampled while it ran and kept after it ended: {@code at}, totals, {@code rows_per_s}. */
    @GET
    @Path("{id}/series")
    @RequiresRole(Role.VIEWER)
    public List<Map<String, Object>> series(@PathParam("id") String id) {
        find(id);
        return runs.series(id).stream().map(RunResource::point).toList();
    }

    private static Map<String, Object> point(RunSample sample) {
        Map<String, Object> point = new LinkedHashMap<>();
        point.put("at", sample.at().toString());
        point.put("rows_read", sample.rowsRead());
        point.put("rows_written", sample.rowsWritten());
        point.put("rows_per_s", sample.rowsPerSecond());
        return point;
    }

    /**
     * The run's log filtered: {@code level} the lowest level shown, {@code q} text the lines contain (case
     * ignored). With {@code format=text} (or only {@code text/plain} accepted) the matching lines as a file to
     * download, {@code run-<id>.log}; else a page of them as JSON.
     */
    @GET
    @Path("{id}/log")
    @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    @RequiresRole(Role.VIEWER)
    public Response log(@PathParam("id") String id, @QueryParam("level") String level, @QueryParam("q") String q,
                        @QueryParam("limit") @DefaultValue("500") int limit,
                        @QueryParam("offset") @DefaultValue("0") int offset,
                        @QueryParam("format") String format, @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        find(id);
        LogFilter filter = logFilter(level, q);
        if (format != null && !"json".equals(format) && !"text".equals(format)) {
            throw ApiException.invalid("format", "must be json or text");
        }
        boolean text = "text".equals(format) || format == null && accept != null && accept.contains("text/plain")
                && !accept.contains("json");
        if (text) {
            return Response.ok(RunLogText.of(runs, id, filter), MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8"))
                    .header("Content-Disposition", "attachment; filename=\"run-" + id + ".log\"").build();
        }
        if (limit < 1 || limit > 5000) {
            throw ApiException.invalid("limit", "must be between 1 and 5000");
        }
        if (offset < 0) {
            throw ApiException.invalid("offset", "must not be negative");
        }
        List<LogLine> lines = runs.logs(id, filter, limit, offset).stream().map(LogLine::of).toList();
        return Response.ok(lines, MediaType.APPLICATION_JSON_TYPE).build();
    }

    private static LogFilter logFilter(String level, String q) {
        if (q != null && q.length() > 200) {
            throw ApiException.invalid("q", "must be at most 200 characters");
        }
        try {
            return new LogFilter(level == null || level.isEmpty() ? null : level, q);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("level", e.getMessage().replace("level ", ""));
        }
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
        Run run = ServiceProblems.call(() -> control.cancel(Caller.actor(security, request), id));
        return RunView.of(run, runs.streams(id), runs.models(id));
    }

    /** Pauses the run at its next batch boundary, offsets stored; 409 unless it is running. */
    @POST
    @Path("{id}/pause")
    @RequiresRole(Role.EDITOR)
    public RunView pause(@PathParam("id") String id) {
        Run run = ServiceProblems.call(() -> control.pause(Caller.actor(security, request), id));
        return RunView.of(run, runs.streams(id), runs.models(id));
    }

    /** Resumes a paused run from where its streams wait; 409 unless it is paused. */
    @POST
    @Path("{id}/resume")
    @RequiresRole(Role.EDITOR)
    public RunView resume(@PathParam("id") String id) {
        Run run = ServiceProblems.call(() -> control.resume(Caller.actor(security, request), id));
        return RunView.of(run, runs.streams(id), runs.models(id));
    }

    private Run find(String id) {
        return runs.byId(id).orElseThrow(() -> ApiException.notFound("no run " + id));
    }
}
