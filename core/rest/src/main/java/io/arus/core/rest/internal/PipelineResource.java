package io.arus.core.rest.internal;

import io.arus.api.config.ConfigException;
import io.arus.api.config.ConfigViolation;
import io.arus.core.engine.PipelineDefinition;
import io.arus.core.engine.RunEvents;
import io.arus.core.engine.RunService;
import io.arus.core.scheduler.ScheduleService;
import io.arus.core.rest.internal.PipelineViews.RunView;
import io.arus.core.store.AuditLog;
import io.arus.core.store.ConflictException;
import io.arus.core.store.ConnectionKind;
import io.arus.core.store.ConnectionStore;
import io.arus.core.store.NotificationSubscription;
import io.arus.core.store.NotificationTargetStore;
import io.arus.core.store.Pipeline;
import io.arus.core.store.PipelineStore;
import io.arus.core.store.Role;
import io.arus.core.store.Run;
import io.arus.core.store.RunStore;
import io.arus.core.store.RunTotals;
import io.arus.core.store.StreamOffsetStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
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
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/** {@code /api/pipelines}: pipelines, their runs and their stored offsets. */
@Component(service = PipelineResource.class)
@JaxrsResource
@JaxrsApplicationSelect(ArusApplication.SELECT)
@Path("pipelines")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class PipelineResource {
    private static final Set<String> TOP_LEVEL = Set.of("name", "source_id", "destination_id", "enabled", "schedule",
            "depends_on", PipelineNotifications.FIELD);
    /** What a GET answers beside the pipeline's own fields: ignored in a body, so a GET answer can be PUT back. */
    static final Set<String> READ_ONLY = Set.of("id", "created_at", "updated_at", "last_run");

    private final PipelineStore pipelines;
    private final ConnectionStore connections;
    private final RunStore runs;
    private final StreamOffsetStore offsets;
    private final RunService runService;
    private final AuditLog audit;
    private final PipelineNotifications notifications;

    @Context
    SecurityContext security;

    /** Checks cron expressions and time zones while the scheduler is there. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile ScheduleService schedules;

    /** Pipeline changes are announced here (the scheduler follows them) while an EventAdmin is registered. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile EventAdmin events;

    @Context
    HttpServletRequest request;

    @Activate
    public PipelineResource(@Reference PipelineStore pipelines, @Reference ConnectionStore connections,
                            @Reference RunStore runs, @Reference StreamOffsetStore offsets,
                            @Reference RunService runService, @Reference AuditLog audit,
                            @Reference NotificationTargetStore targets) {
        this.pipelines = pipelines;
        this.connections = connections;
        this.runs = runs;
        this.offsets = offsets;
        this.runService = runService;
        this.audit = audit;
        this.notifications = new PipelineNotifications(targets);
    }

    @GET
    @RequiresRole(Role.VIEWER)
    public List<Map<String, Object>> list() {
        Map<String, List<NotificationSubscription>> subscribed = notifications.all();
        Map<String, Run> latest = runs.latestByPipeline();
        return pipelines.list().stream().map(p -> PipelineViews.pipeline(p,
                PipelineNotifications.view(subscribed.getOrDefault(p.id(), List.of())), latest.get(p.id()))).toList();
    }

    @POST
    @RequiresRole(Role.EDITOR)
    public Response create(Map<String, Object> body) {
        Pipeline valid = validate(null, body);
        try {
            Pipeline created = audit.atomically(() -> {
                Pipeline pipeline = pipelines.create(valid);
                notifications.save(pipeline.id(), body);
                audit.record(caller(), "pipeline.create", "pipeline:" + pipeline.id(), pipeline.name(), Caller.address(request));
                return pipeline;
            });
            changed(created, "created");
            return Response.status(Response.Status.CREATED).entity(view(created)).build();
        } catch (ConflictException e) {
            throw refused(e);
        }
    }

    @GET
    @Path("{id}")
    @RequiresRole(Role.VIEWER)
    public Map<String, Object> get(@PathParam("id") String id) {
        return view(find(id));
    }

    @PUT
    @Path("{id}")
    @RequiresRole(Role.EDITOR)
    public Map<String, Object> update(@PathParam("id") String id, Map<String, Object> body) {
        Pipeline current = find(id);
        Pipeline valid = validate(current, body);
        try {
            Pipeline updated = audit.atomically(() -> {
                Pipeline pipeline = pipelines.update(valid).orElseThrow(() -> ApiException.notFound("no pipeline " + id));
                notifications.save(id, body);
                audit.record(caller(), "pipeline.update", "pipeline:" + id, pipeline.name(), Caller.address(request));
                return pipeline;
            });
            changed(updated, "updated");
            return view(updated);
        } catch (ConflictException e) {
            throw refused(e);
        }
    }

    /** Lets the pipeline's schedule and dependency triggers fire again. */
    @POST
    @Path("{id}/enable")
    @RequiresRole(Role.EDITOR)
    public Map<String, Object> enable(@PathParam("id") String id) {
        return setEnabled(id, true);
    }

    /** Stops the pipeline's schedule and dependency triggers; runs started by hand still work. */
    @POST
    @Path("{id}/disable")
    @RequiresRole(Role.EDITOR)
    public Map<String, Object> disable(@PathParam("id") String id) {
        return setEnabled(id, false);
    }

    private Map<String, Object> setEnabled(String id, boolean enabled) {
        Pipeline current = find(id);
        if (current.enabled() == enabled) {
            return view(current);
        }
        Pipeline toggled = new Pipeline(current.id(), current.name(), current.sourceId(), current.destinationId(),
                current.definition(), enabled, current.scheduleCron(), current.scheduleTimezone(), current.dependsOn(),
                current.createdAt(), null);
        try {
            Pipeline updated = audit.atomically(() -> {
                Pipeline pipeline = pipelines.update(toggled).orElseThrow(() -> ApiException.notFound("no pipeline " + id));
                audit.record(caller(), "pipeline." + (enabled ? "enable" : "disable"), "pipeline:" + id, pipeline.name(),
                        Caller.address(request));
                return pipeline;
            });
            changed(updated, enabled ? "enabled" : "disabled");
            return view(updated);
        } catch (ConflictException e) {
            throw refused(e);
        }
    }

    /** A dependency the store refuses is the client's mistake (400 naming the cycle); a taken name is a 409. */
    private static ApiException refused(ConflictException e) {
        String message = e.getMessage();
        if (message.startsWith("dependency cycle") || message.startsWith("upstream ")) {
            return ApiException.invalid("depends_on", message);
        }
        return ApiException.conflict(message);
    }

    private void changed(Pipeline pipeline, String change) {
        EventAdmin target = events;
        if (target != null) {
            target.postEvent(new Event(RunEvents.PIPELINE_CHANGED, Map.of(RunEvents.PIPELINE_ID, pipeline.id(),
                    RunEvents.PIPELINE_NAME, pipeline.name(), RunEvents.CHANGE, change,
                    RunEvents.AT, System.currentTimeMillis())));
        }
    }

    @DELETE
    @Path("{id}")
    @RequiresRole(Role.EDITOR)
    public Response delete(@PathParam("id") String id) {
        Pipeline current = find(id);
        audit.atomically(() -> {
            pipelines.delete(id);
            audit.record(caller(), "pipeline.delete", "pipeline:" + id, current.name(), Caller.address(request));
            return null;
        });
        changed(current, "deleted");
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

    /** The stored offsets, by stream then split. */
    @GET
    @Path("{id}/state")
    @RequiresRole(Role.VIEWER)
    public Map<String, Object> state(@PathParam("id") String id) {
        find(id);
        return Map.of("pipeline_id", id, "streams", offsets.all(id));
    }

    /** Forgets every offset: the next run resyncs every stream from scratch. */
    @DELETE
    @Path("{id}/state")
    @RequiresRole(Role.EDITOR)
    public Response resetState(@PathParam("id") String id) {
        Pipeline pipeline = find(id);
        audit.atomically(() -> {
            offsets.clearAll(id);
            audit.record(caller(), "pipeline.reset_state", "pipeline:" + id, pipeline.name(), Caller.address(request));
            return null;
        });
        return Response.noContent().build();
    }

    private Pipeline validate(Pipeline current, Map<String, Object> body) {
        Bodies.required(body);
        List<Problem.FieldError> errors = new ArrayList<>();
        Map<String, Object> definition = new LinkedHashMap<>();
        body.forEach((key, value) -> {
            if (!TOP_LEVEL.contains(key) && !READ_ONLY.contains(key)) {
                definition.put(key, value);
            }
        });
        String name = body.get("name") instanceof String n && !n.isBlank() && n.length() <= 100 ? n : null;
        if (name == null) {
            errors.add(new Problem.FieldError("name", "is required (1 to 100 characters)"));
        }
        String sourceId = reference(body.get("source_id"), "source_id", ConnectionKind.SOURCE, errors);
        String destinationId = reference(body.get("destination_id"), "destination_id", ConnectionKind.DESTINATION, errors);
        Map<String, Object> stored = Map.of();
        try {
            stored = PipelineDefinition.parse(definition).toMap();
        } catch (ConfigException e) {
            for (ConfigViolation v : e.violations()) {
                errors.add(new Problem.FieldError(v.field(), v.message()));
            }
        }
        boolean enabled = !(body.get("enabled") instanceof Boolean b) || b;
        if (body.get("enabled") != null && !(body.get("enabled") instanceof Boolean)) {
            errors.add(new Problem.FieldError("enabled", "must be true or false"));
        }
        String cron = null;
        String timezone = null;
        if (body.get("schedule") instanceof Map<?, ?> schedule) {
            cron = schedule.get("cron") instanceof String c && !c.isBlank() ? c : null;
            timezone = schedule.get("timezone") instanceof String t && !t.isBlank() ? t : null;
            if (cron == null) {
                errors.add(new Problem.FieldError("schedule.cron", "is required in a schedule"));
            } else {
                Schedules.check(schedules, cron, timezone, errors);
            }
        } else if (body.get("schedule") != null) {
            errors.add(new Problem.FieldError("schedule", "must be an object {\"cron\", \"timezone\"}"));
        }
        notifications.check(body.get(PipelineNotifications.FIELD), errors);
        List<String> dependsOn = new ArrayList<>();
        if (body.get("depends_on") instanceof List<?> list) {
            list.forEach(item -> dependsOn.add(String.valueOf(item)));
        } else if (body.get("depends_on") != null) {
            errors.add(new Problem.FieldError("depends_on", "must be a list of pipeline ids"));
        }
        if (!errors.isEmpty()) {
            throw Bodies.invalid(errors);
        }
        return new Pipeline(current == null ? null : current.id(), name, sourceId, destinationId, new HashMap<>(stored), enabled,
                cron, timezone, dependsOn, current == null ? null : current.createdAt(), null);
    }

    private String reference(Object value, String field, ConnectionKind kind, List<Problem.FieldError> errors) {
        if (!(value instanceof String id) || id.isBlank()) {
            errors.add(new Problem.FieldError(field, "is required"));
            return null;
        }
        if (connections.byId(kind, id).isEmpty()) {
            errors.add(new Problem.FieldError(field, "no " + kind.id() + " " + id));
        }
        return id;
    }

    /** The pipeline as answers show it, with the targets that hear its events. */
    private Map<String, Object> view(Pipeline pipeline) {
        return PipelineViews.pipeline(pipeline, notifications.of(pipeline.id()),
                runs.list(pipeline.id(), 1).stream().findFirst().orElse(null));
    }

    private Pipeline find(String id) {
        return pipelines.byId(id).orElseThrow(() -> ApiException.notFound("no pipeline " + id));
    }

    private String caller() {
        return Caller.of(security).username();
    }
}
