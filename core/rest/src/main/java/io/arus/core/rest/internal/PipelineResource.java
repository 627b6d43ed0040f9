package io.arus.core.rest.internal;

import io.arus.core.engine.RunService;
import io.arus.core.model.PipelineSpec;
import io.arus.core.rest.internal.PipelineViews.PipelineView;
import io.arus.core.rest.internal.PipelineViews.RunView;
import io.arus.core.service.PipelineService;
import io.arus.core.service.SavedPipeline;
import io.arus.core.service.TransformService;
import io.arus.core.store.AuditLog;
import io.arus.core.store.Pipeline;
import io.arus.core.store.PipelineStore;
import io.arus.core.store.Role;
import io.arus.core.store.Run;
import io.arus.core.store.RunStore;
import io.arus.core.store.RunTotals;
import io.arus.core.store.StreamOffsetStore;
import io.arus.core.store.StreamSchemaStore;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.DefaultValue;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * {@code /api/pipelines}: pipelines, their runs and their stored offsets. Pipelines are read, checked and changed
 * through {@link PipelineService}; this resource binds the body, names the caller and shapes the answers.
 */
@Component(service = PipelineResource.class)
@JaxrsResource
@JaxrsApplicationSelect(ArusApplication.SELECT)
@Path("pipelines")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class PipelineResource {
    private final PipelineService pipelines;
    private final PipelineStore stored;
    private final RunStore runs;
    private final StreamOffsetStore offsets;
    private final StreamSchemaStore schemas;
    private final RunService runService;
    private final AuditLog audit;
    private final TransformService transforms;

    @Context
    SecurityContext security;

    @Context
    HttpServletRequest request;

    @Activate
    public PipelineResource(@Reference PipelineService pipelines, @Reference PipelineStore stored,
                            @Reference RunStore runs, @Reference StreamOffsetStore offsets,
                            @Reference StreamSchemaStore schemas, @Reference RunService runService,
                            @Reference AuditLog audit, @Reference TransformService transforms) {
        this.pipelines = pipelines;
        this.stored = stored;
        this.runs = runs;
        this.offsets = offsets;
        this.schemas = schemas;
        this.runService = runService;
        this.audit = audit;
        this.transforms = transforms;
    }

    @GET
    @RequiresRole(Role.VIEWER)
    public List<PipelineView> list() {
        Map<String, Run> latest = runs.latestByPipeline();
        return pipelines.list().stream().map(p -> PipelineView.of(p, latest.get(p.id()))).toList();
    }

    @POST
    @RequiresRole(Role.EDITOR)
    public Response create(PipelineSpec body) {
        SavedPipeline created = pipelines.create(Caller.actor(security, request), body);
        return Response.status(Response.Status.CREATED).entity(view(created)).build();
    }

    @GET
    @Path("{id}")
    @RequiresRole(Role.VIEWER)
    public PipelineView get(@PathParam("id") String id) {
        return view(pipelines.get(id));
    }

    /** Replaces the pipeline; a GET answer sent back unchanged changes nothing (its read-only fields are ignored). */
    @PUT
    @Path("{id}")
    @RequiresRole(Role.EDITOR)
    public PipelineView update(@PathParam("id") String id, PipelineSpec body) {
        return view(pipelines.update(Caller.actor(security, request), id, body));
    }

    /**
     * Reads the first rows of a source stream and runs the steps over them: before and after each step, its output
     * schema, rejects with their reasons, filtered counts and lineage. Writes nowhere; a step that cannot be opened
     * is answered in {@code error} with the steps before it.
     */
    @POST
    @Path("preview")
    @RequiresRole(Role.EDITOR)
    public TransformViews.PreviewView preview(TransformViews.PreviewBody body) {
        if (body == null) {
            throw ApiException.invalid("body", "a JSON body is required");
        }
        return TransformViews.PreviewView.of(transforms.preview(Caller.actor(security, request), body.request()));
    }

    /**
     * Column lineage: per stream, the source columns through the steps to the destination columns; per model, its
     * ref() inputs. The source is discovered, no rows are read.
     */
    @GET
    @Path("{id}/lineage")
    @RequiresRole(Role.VIEWER)
    public TransformViews.LineageView lineage(@PathParam("id") String id) {
        return TransformViews.LineageView.of(transforms.lineage(Caller.actor(security, request), id));
    }

    /** Lets the pipeline's schedule and dependency triggers fire again. */
    @POST
    @Path("{id}/enable")
    @RequiresRole(Role.EDITOR)
    public PipelineView enable(@PathParam("id") String id) {
        return view(pipelines.setEnabled(Caller.actor(security, request), id, true));
    }

    /** Stops the pipeline's schedule and dependency triggers; runs started by hand still work. */
    @POST
    @Path("{id}/disable")
    @RequiresRole(Role.EDITOR)
    public PipelineView disable(@PathParam("id") String id) {
        return view(pipelines.setEnabled(Caller.actor(security, request), id, false));
    }

    @DELETE
    @Path("{id}")
    @RequiresRole(Role.EDITOR)
    public Response delete(@PathParam("id") String id) {
        pipelines.delete(Caller.actor(security, request), id);
        return Response.noContent().build();
    }

    /**
     * Starts a run: 202 with its id; 409 when the pipeline is already running. An optional body
     * {@code {"trigger":"manual"}} marks a run started by a person in the console; the default is {@code api}.
     */
    @POST
    @Path("{id}/runs")
    @RequiresRole(Role.EDITOR)
    @Consumes(MediaType.WILDCARD)
    public Response run(@PathParam("id") String id, String text) {
        Pipeline pipeline = find(id);
        Map<String, Object> body = runBody(text);
        Object trigger = body == null ? null : body.get("trigger");
        if (body != null && !body.keySet().stream().allMatch("trigger"::equals)) {
            throw ApiException.invalid(body.keySet().stream().filter(k -> !"trigger".equals(k)).findFirst().orElseThrow(),
                    "unknown field; a run takes only \"trigger\"");
        }
        if (trigger != null && !"api".equals(trigger) && !"manual".equals(trigger)) {
            throw ApiException.invalid("trigger", "must be \"api\" or \"manual\" (schedule, dependency and shell runs start elsewhere)");
        }
        // before the run starts, as it works outside any transaction of ours: the entry names the pipeline, as the
        // run does not exist yet
        audit.record(caller(), "pipeline.run", "pipeline:" + id, pipeline.name() + ", trigger "
                + (trigger == null ? "api" : trigger), Caller.address(request));
        try {
            Run run = runService.start(id, trigger == null ? "api" : (String) trigger);
            return Response.accepted(Map.of("run_id", run.id())).build();
        } catch (IllegalStateException e) {
            throw ApiException.conflict(e.getMessage());
        } catch (NoSuchElementException e) {
            throw ApiException.notFound(e.getMessage());
        }
    }

    /** The optional body of a run request: none at all (curl -X POST), or a JSON object. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> runBody(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            Object parsed = JsonProvider.MAPPER.readValue(text, Object.class);
            if (parsed instanceof Map<?, ?> map) {
                return (Map<String, Object>) map;
            }
        } catch (IOException e) {
            // answered below
        }
        throw ApiException.invalid("body", "must be empty or a JSON object such as {\"trigger\":\"manual\"}");
    }

    @GET
    @Path("{id}/runs")
    @RequiresRole(Role.VIEWER)
    public List<RunView> runs(@PathParam("id") String id, @QueryParam("limit") @DefaultValue("50") int limit) {
        find(id);
        if (limit < 1 || limit > 500) {
            throw ApiException.invalid("limit", "must be between 1 and 500");
        }
        List<Run> found = runs.list(id, limit);
        Map<String, RunTotals> totals = runs.totals(found.stream().map(Run::id).toList());
        return found.stream().map(r -> RunView.summary(r, totals.get(r.id()))).toList();
    }

    /** The stored offsets, by stream then split, and the columns of each stream's last run. */
    @GET
    @Path("{id}/state")
    @RequiresRole(Role.VIEWER)
    public PipelineStateView state(@PathParam("id") String id) {
        find(id);
        return new PipelineStateView(id, offsets.all(id), schemas.all(id), pipelines.changeFeeds(id));
    }

    /** Forgets every offset and every stream's last columns: the next run resyncs every stream from scratch. */
    @DELETE
    @Path("{id}/state")
    @RequiresRole(Role.EDITOR)
    public Response resetState(@PathParam("id") String id) {
        pipelines.resetState(Caller.actor(security, request), id);
        return Response.noContent().build();
    }

    /** The pipeline as answers show it, with its last run. */
    private PipelineView view(SavedPipeline pipeline) {
        return PipelineView.of(pipeline, runs.list(pipeline.id(), 1).stream().findFirst().orElse(null));
    }

    private Pipeline find(String id) {
        return stored.byId(id).orElseThrow(() -> ApiException.notFound("no pipeline " + id));
    }

    private String caller() {
        return Caller.of(security).username();
    }
}
