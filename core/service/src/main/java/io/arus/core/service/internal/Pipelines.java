package io.arus.core.service.internal;

import io.arus.api.config.ConfigViolation;
import io.arus.core.engine.RunEvents;
import io.arus.core.model.InvalidModelException;
import io.arus.core.model.NotificationSpec;
import io.arus.core.model.PipelineSpec;
import io.arus.core.model.ScheduleSpec;
import io.arus.core.model.StreamSpec;
import io.arus.core.platform.PluginCatalog;
import io.arus.core.scheduler.ScheduleService;
import io.arus.core.security.ConnectionSecrets;
import io.arus.core.security.SecretBox;
import io.arus.core.service.Actor;
import io.arus.core.service.ConflictException;
import io.arus.core.service.NotFoundException;
import io.arus.core.service.PipelineService;
import io.arus.core.service.SavedPipeline;
import io.arus.core.store.AuditLog;
import io.arus.core.store.ConnectionKind;
import io.arus.core.store.ConnectionStore;
import io.arus.core.store.NotificationSubscription;
import io.arus.core.store.NotificationTargetStore;
import io.arus.core.store.Pipeline;
import io.arus.core.store.PipelineStore;
import io.arus.core.store.Role;
import io.arus.core.store.StreamOffsetStore;
import io.arus.core.store.StreamSchemaStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.event.Event;

/** {@link PipelineService} over the stores: the only place pipelines are checked, stored and announced. */
@Component(service = PipelineService.class)
public final class Pipelines implements PipelineService {
    private final PipelineStore pipelines;
    private final ConnectionStore connections;
    private final NotificationTargetStore targets;
    private final StreamOffsetStore offsets;
    private final StreamSchemaStore schemas;
    private final AuditLog audit;
    private final Transactions transactions;
    private final StepChecks steps;
    private final PluginCatalog catalog;
    private final ConnectionSecrets secrets;

    /** Checks cron expressions while the scheduler is there (time zones are checked without it). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile ScheduleService schedules;

    @Activate
    public Pipelines(@Reference PipelineStore pipelines, @Reference ConnectionStore connections,
                     @Reference NotificationTargetStore targets, @Reference StreamOffsetStore offsets,
                     @Reference StreamSchemaStore schemas, @Reference AuditLog audit,
                     @Reference Transactions transactions, @Reference PluginCatalog catalog, @Reference SecretBox box) {
        this.pipelines = pipelines;
        this.connections = connections;
        this.targets = targets;
        this.offsets = offsets;
        this.schemas = schemas;
        this.audit = audit;
        this.transactions = transactions;
        this.steps = new StepChecks(catalog, new ConnectionSecrets(box));
        this.catalog = catalog;
        this.secrets = new ConnectionSecrets(box);
    }

    @Override
    public List<SavedPipeline> list() {
        Map<String, List<NotificationSubscription>> subscribed = targets.allSubscriptions();
        return pipelines.list().stream().map(p -> saved(p, subscribed.getOrDefault(p.id(), List.of())))
                .sorted(Comparator.comparing(p -> p.spec().name())).toList();
    }

    @Override
    public SavedPipeline get(String id) {
        Pipeline pipeline = find(id);
        return saved(pipeline, targets.subscriptions(id));
    }

    @Override
    public Optional<SavedPipeline> byName(String name) {
        return pipelines.list().stream().filter(p -> p.name().equals(name)).findFirst()
                .map(p -> saved(p, targets.subscriptions(p.id())));
    }

    @Override
    public SavedPipeline create(Actor actor, PipelineSpec spec) {
        actor.require(Role.EDITOR);
        PipelineSpec valid = check(spec, null);
        Pipeline created = change(() -> {
            Pipeline pipeline = pipelines.create(stored(null, valid, null));
            if (valid.notifications() != null) {
                targets.setSubscriptions(pipeline.id(), subscriptions(valid.notifications()));
            }
            audit.record(actor.username(), "pipeline.create", "pipeline:" + pipeline.id(), pipeline.name(), actor.address());
            announce(pipeline, "created");
            return pipeline;
        });
        return get(created.id());
    }

    @Override
    public SavedPipeline update(Actor actor, String id, PipelineSpec spec) {
        actor.require(Role.EDITOR);
        Pipeline current = find(id);
        PipelineSpec valid = check(spec, current);
        List<String> rereads = readChanged(storedStreams(current), valid.streams());
        change(() -> {
            Pipeline pipeline = pipelines.update(stored(id, valid, current))
                    .orElseThrow(() -> new NotFoundException("no pipeline " + id));
            for (String stream : rereads) {
                offsets.clear(id, stream);
            }
            if (!rereads.isEmpty()) {
                audit.record(actor.username(), "pipeline.reset_streams", "pipeline:" + id,
                        pipeline.name() + ": " + String.join(", ", rereads), actor.address());
            }
            if (valid.notifications() != null) {
                targets.setSubscriptions(id, subscriptions(valid.notifications()));
            }
            audit.record(actor.username(), "pipeline.update", "pipeline:" + id, pipeline.name(), actor.address());
            announce(pipeline, "updated");
            return pipeline;
        });
        return get(id);
    }

    @Override
    public void delete(Actor actor, String id) {
        actor.require(Role.EDITOR);
        Pipeline current = find(id);
        releaseChangeFeeds(current);
        change(() -> {
            if (!pipelines.delete(id)) {
                throw new NotFoundException("no pipeline " + id);
            }
            audit.record(actor.username(), "pipeline.delete", "pipeline:" + id, current.name(), actor.address());
            announce(current, "deleted");
            return null;
        });
    }

    @Override
    public SavedPipeline setEnabled(Actor actor, String id, boolean enabled) {
        actor.require(Role.EDITOR);
        Pipeline current = find(id);
        if (current.enabled() == enabled) {
            return get(id);
        }
        Pipeline toggled = new Pipeline(current.id(), current.name(), current.sourceId(), current.destinationId(),
                current.definition(), enabled, current.scheduleCron(), current.scheduleTimezone(), current.dependsOn(),
                current.createdAt(), null);
        change(() -> {
            Pipeline pipeline = pipelines.update(toggled).orElseThrow(() -> new NotFoundException("no pipeline " + id));
            audit.record(actor.username(), "pipeline." + (enabled ? "enable" : "disable"), "pipeline:" + id,
                    pipeline.name(), actor.address());
            announce(pipeline, enabled ? "enabled" : "disabled");
            return pipeline;
        });
        return get(id);
    }

    @Override
    public void resetState(Actor actor, String id) {
        actor.require(Role.EDITOR);
        Pipeline pipeline = find(id);
        releaseChangeFeeds(pipeline);
        transactions.atomically(() -> {
            offsets.clearAll(id);
            // the columns of the last run went with the offsets before they had a table: a reset still forgets them
            schemas.clearAll(id);
            audit.record(actor.username(), "pipeline.reset_state", "pipeline:" + id, pipeline.name(), actor.address());
            return null;
        });
    }

    /**
     * The model's checks, the transform steps' and the references, every violation at once.
     *
     * @param current the stored pipeline whose step secrets fill masks sent back, or null for a new one
     * @return the pipeline with its defaults and its steps' secrets sealed, ready to store
     */
    private PipelineSpec check(PipelineSpec spec, Pipeline current) {
        StepChecks.Checked checked = checked(spec, current);
        if (!checked.errors().isEmpty()) {
            throw new InvalidModelException(checked.errors());
        }
        return spec.withStreams(checked.streams()).withDefaults();
    }

    @Override
    public List<ConfigViolation> violations(PipelineSpec spec) {
        if (spec == null) {
            return List.of(new ConfigViolation("body", "a pipeline is required"));
        }
        Pipeline current = pipelines.list().stream().filter(p -> p.name().equals(spec.name())).findFirst().orElse(null);
        return checked(spec, current).errors();
    }

    private StepChecks.Checked checked(PipelineSpec spec, Pipeline current) {
        if (spec == null) {
            return new StepChecks.Checked(List.of(), List.of(new ConfigViolation("body", "a pipeline is required")));
        }
        List<ConfigViolation> errors = new ArrayList<>();
        try {
            spec.validate();
        } catch (InvalidModelException e) {
            errors.addAll(e.violations());
        }
        List<StreamSpec> stored = current == null ? List.of() : storedStreams(current);
        StepChecks.Checked sealed = steps.check(spec.streams() == null ? List.of() : spec.streams(), stored);
        errors.addAll(sealed.errors());
        reference(spec.sourceId(), "source_id", ConnectionKind.SOURCE, errors);
        reference(spec.destinationId(), "destination_id", ConnectionKind.DESTINATION, errors);
        changeCapture(spec, errors);
        if (spec.schedule() != null && spec.schedule().cron() != null && !spec.schedule().cron().isBlank()
                && errors.stream().noneMatch(e -> e.field().startsWith("schedule"))) {
            ScheduleChecks.check(schedules, spec.schedule().cron(), spec.schedule().timezone(), errors);
        }
        if (spec.notifications() != null) {
            for (int i = 0; i < spec.notifications().size(); i++) {
                String target = spec.notifications().get(i).targetId();
                String at = "notifications[" + i + "].target_id";
                if (target != null && !target.isBlank() && errors.stream().noneMatch(e -> e.field().equals(at))
                        && targets.byId(target).isEmpty()) {
                    errors.add(new ConfigViolation(at, "no notification target " + target));
                }
            }
        }
        return new StepChecks.Checked(sealed.streams(), errors);
    }

    /**
     * The streams whose stored offsets no longer mean anything after an edit: a different sync mode, cursor or key
     * reads in another order (an incremental offset given to a full refresh would read nothing). Change-capture
     * streams keep theirs: their offset is a log position a replication slot holds, released by a reset only.
     *
     * @return the names of the streams, present before and after, whose next run starts from the beginning
     */
    static List<String> readChanged(List<StreamSpec> before, List<StreamSpec> after) {
        Map<String, StreamSpec> old = new HashMap<>();
        before.forEach(stream -> old.put(stream.name(), stream));
        List<String> changed = new ArrayList<>();
        for (StreamSpec stream : after) {
            StreamSpec was = old.get(stream.name());
            if (was == null || "cdc".equals(was.syncMode()) || "cdc".equals(stream.syncMode())) {
                continue;
            }
            if (!Objects.equals(was.syncMode(), stream.syncMode())
                    || !Objects.equals(was.cursorField(), stream.cursorField())
                    || !was.primaryKey().equals(stream.primaryKey())) {
                changed.add(stream.name());
            }
        }
        return changed;
    }

    /** @return the stored streams of a pipeline, or none when its definition no longer binds */
    private static List<StreamSpec> storedStreams(Pipeline current) {
        try {
            return PipelineSpec.of(current.name(), current.sourceId(), current.destinationId(), current.enabled(),
                    null, current.dependsOn(), null, current.definition()).streams();
        } catch (InvalidModelException e) {
            return List.of();
        }
    }

    @Override
    public Map<String, Map<String, Object>> changeFeeds(String id) {
        Pipeline pipeline = find(id);
        List<String> cdc = changeStreams(pipeline);
        if (cdc.isEmpty()) {
            return Map.of();
        }
        io.arus.core.store.Connection source = connections.byId(ConnectionKind.SOURCE, pipeline.sourceId()).orElse(null);
        io.arus.api.connector.Connector connector = source == null ? null
                : catalog.connector(source.type()).orElse(null);
        if (connector == null) {
            return Map.of("error", Map.of("error", "the source or its connector is not installed"));
        }
        try {
            Map<String, io.arus.api.record.Offset> stored = new java.util.HashMap<>();
            offsets.all(pipeline.id()).forEach((stream, splits) -> splits.values().stream().findFirst()
                    .ifPresent(offset -> stored.put(stream, offset)));
            return io.arus.core.engine.ChangeFeeds.describe(connector, secrets.decrypt(source.config()), pipeline.id(),
                    cdc, stored);
        } catch (Exception e) {
            return Map.of("error", Map.of("error", "the source could not be asked: " + e.getMessage()));
        }
    }

    private static List<String> changeStreams(Pipeline pipeline) {
        return storedStreams(pipeline).stream().filter(s -> "cdc".equals(s.syncMode())).map(StreamSpec::name).toList();
    }

    /**
     * Drops the slots (and publications) of the pipeline's change-capture streams at its source, so that the source
     * stops retaining log for them. A source that cannot be reached fails the deletion or reset: leaving a slot
     * behind would fill its disk.
     */
    private void releaseChangeFeeds(Pipeline pipeline) {
        List<String> cdc = changeStreams(pipeline);
        if (cdc.isEmpty()) {
            return;
        }
        io.arus.core.store.Connection source = connections.byId(ConnectionKind.SOURCE, pipeline.sourceId()).orElse(null);
        io.arus.api.connector.Connector connector = source == null ? null
                : catalog.connector(source.type()).orElse(null);
        if (connector == null) {
            throw new ConflictException("the change feeds of " + pipeline.name() + " cannot be dropped: its source or the"
                    + " source's connector is gone; drop the replication slots named arus_* by hand");
        }
        try {
            io.arus.core.engine.ChangeFeeds.release(connector, secrets.decrypt(source.config()), pipeline.id(), cdc);
        } catch (Exception e) {
            throw new ConflictException("the change feeds of " + pipeline.name() + " could not be dropped at the source: "
                    + e.getMessage());
        }
    }

    /**
     * A change-capture stream needs a source connector that captures changes and a destination that upserts; a
     * stream that asks for {@code write_mode: upsert} needs a destination that upserts (files, for one, do not).
     */
    private void changeCapture(PipelineSpec spec, List<ConfigViolation> errors) {
        List<StreamSpec> streams = spec.streams() == null ? List.of() : spec.streams();
        for (int i = 0; i < streams.size(); i++) {
            StreamSpec stream = streams.get(i);
            if (stream == null) {
                continue;
            }
            if ("cdc".equalsIgnoreCase(stream.syncMode())) {
                String at = "streams[" + i + "].sync_mode";
                capability(spec.sourceId(), ConnectionKind.SOURCE, io.arus.api.connector.Capability.CDC, at,
                        "cdc: the %s captures no changes (capability cdc)", errors);
                capability(spec.destinationId(), ConnectionKind.DESTINATION, io.arus.api.connector.Capability.UPSERT,
                        at, "cdc: the %s cannot apply changes by key (capability upsert)", errors);
            } else if ("upsert".equalsIgnoreCase(stream.writeMode())) {
                capability(spec.destinationId(), ConnectionKind.DESTINATION, io.arus.api.connector.Capability.UPSERT,
                        "streams[" + i + "].write_mode", "the %s cannot merge rows by key (capability upsert); use"
                                + " append or replace", errors);
            }
        }
    }

    /** @param missing the message, {@code %s} standing for the connection, e.g. {@code destination lake (files)} */
    private void capability(String id, ConnectionKind kind, io.arus.api.connector.Capability needed, String at,
                            String missing, List<ConfigViolation> errors) {
        if (id == null || id.isBlank()) {
            return;
        }
        connections.byId(kind, id).flatMap(c -> catalog.connector(c.type()).map(connector -> Map.entry(c, connector)))
                .filter(e -> !e.getValue().capabilities().contains(needed))
                .ifPresent(e -> errors.add(new ConfigViolation(at, String.format(missing, kind.id() + " "
                        + e.getKey().name() + " (" + e.getKey().type() + ")"))));
    }

    private void reference(String id, String field, ConnectionKind kind, List<ConfigViolation> errors) {
        if (id != null && !id.isBlank() && connections.byId(kind, id).isEmpty()) {
            errors.add(new ConfigViolation(field, "no " + kind.id() + " " + id));
        }
    }

    /** Runs a change in the services' transaction, turning the store's refusals into the service's exceptions. */
    private <T> T change(AuditLog.Change<T, io.arus.core.store.ConflictException> change) {
        try {
            return transactions.atomically(change);
        } catch (io.arus.core.store.ConflictException e) {
            String message = e.getMessage();
            if (message.startsWith("dependency cycle") || message.startsWith("upstream ")) {
                throw new InvalidModelException(List.of(new ConfigViolation("depends_on", message)));
            }
            throw new ConflictException(message);
        }
    }

    private void announce(Pipeline pipeline, String change) {
        transactions.post(new Event(RunEvents.PIPELINE_CHANGED, Map.of(RunEvents.PIPELINE_ID, pipeline.id(),
                RunEvents.PIPELINE_NAME, pipeline.name(), RunEvents.CHANGE, change,
                RunEvents.AT, System.currentTimeMillis())));
    }

    private static Pipeline stored(String id, PipelineSpec valid, Pipeline current) {
        ScheduleSpec schedule = valid.schedule();
        return new Pipeline(id, valid.name(), valid.sourceId(), valid.destinationId(),
                new java.util.HashMap<>(valid.definition()), valid.enabled(), schedule == null ? null : schedule.cron(),
                schedule == null ? null : schedule.timezone(), valid.dependsOn(),
                current == null ? null : current.createdAt(), null);
    }

    private static List<NotificationSubscription> subscriptions(List<NotificationSpec> notifications) {
        return notifications.stream().map(n -> new NotificationSubscription(n.targetId(), n.events())).toList();
    }

    /**
     * The stored pipeline in the model's shape, its subscriptions' events in the order of Notification.Event, its
     * steps' secrets masked.
     */
    private SavedPipeline saved(Pipeline p, List<NotificationSubscription> subscriptions) {
        ScheduleSpec schedule = p.scheduleCron() == null ? null : new ScheduleSpec(p.scheduleCron(), p.scheduleTimezone());
        List<NotificationSpec> notifications = subscriptions.stream()
                .map(s -> new NotificationSpec(s.targetId(), EventOrder.sorted(s.events()))).toList();
        PipelineSpec spec = PipelineSpec.of(p.name(), p.sourceId(), p.destinationId(), p.enabled(),
                schedule, p.dependsOn(), notifications, p.definition());
        return new SavedPipeline(p.id(), spec.withStreams(steps.masked(spec.streams())), p.createdAt(), p.updatedAt());
    }

    private Pipeline find(String id) {
        return pipelines.byId(id).orElseThrow(() -> new NotFoundException("no pipeline " + id));
    }
}
