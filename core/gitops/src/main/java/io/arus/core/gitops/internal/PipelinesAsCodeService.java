package io.arus.core.gitops.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.arus.api.config.ConfigViolation;
import io.arus.core.gitops.ApplyPlan;
import io.arus.core.gitops.ApplyStatus;
import io.arus.core.gitops.InvalidDocumentException;
import io.arus.core.gitops.PipelinesAsCode;
import io.arus.core.model.InvalidModelException;
import io.arus.core.service.Actor;
import io.arus.core.service.ConflictException;
import io.arus.core.service.ConnectionService;
import io.arus.core.service.NotFoundException;
import io.arus.core.service.NotificationTargetService;
import io.arus.core.service.PipelineService;
import io.arus.core.service.ServiceTransaction;
import io.arus.core.store.AuditLog;
import io.arus.core.store.Role;
import io.arus.core.store.SettingsStore;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * {@link PipelinesAsCode} over the services: an export reads them, a plan and an apply compare the document with
 * them ({@link Planner}) and make the changes through them in one {@link ServiceTransaction}. A plan makes the same
 * calls as the apply and rolls them back, so it finds every error the apply would (a connector's configuration, a
 * cron expression) and changes nothing, posts no event and leaves no audit entry. It also runs the watched folder
 * ({@code arus.pipelines.dir}) when that framework property is set.
 */
@Component(service = PipelinesAsCode.class)
public final class PipelinesAsCodeService implements PipelinesAsCode {
    /** The framework property naming the watched folder; when unset, the environment variable ARUS_PIPELINES_DIR. */
    static final String DIR_PROPERTY = "arus.pipelines.dir";

    private final PipelineService pipelines;
    private final ConnectionService connections;
    private final NotificationTargetService targets;
    private final ServiceTransaction transaction;
    private final AuditLog audit;
    private final PipelinesFolder folder;

    @Activate
    public PipelinesAsCodeService(@Reference PipelineService pipelines, @Reference ConnectionService connections,
                                  @Reference NotificationTargetService targets,
                                  @Reference ServiceTransaction transaction, @Reference AuditLog audit,
                                  @Reference SettingsStore settings, BundleContext context) {
        this.pipelines = pipelines;
        this.connections = connections;
        this.targets = targets;
        this.transaction = transaction;
        this.audit = audit;
        String dir = context.getProperty(DIR_PROPERTY);
        if (dir == null || dir.isBlank()) {
            // core/boot maps a fixed list of ARUS_* variables; this one is read here
            dir = System.getenv("ARUS_PIPELINES_DIR");
        }
        this.folder = dir == null || dir.isBlank() ? null : new PipelinesFolder(java.nio.file.Path.of(dir), this, settings);
        if (folder != null) {
            folder.start();
        }
    }

    @Deactivate
    void stop() {
        if (folder != null) {
            folder.stop();
        }
    }

    @Override
    public String export(Actor actor, Set<String> pipelineNames) throws InvalidDocumentException {
        actor.require(Role.EDITOR);
        State all = ServerObjects.read(connections, targets, pipelines).state;
        if (pipelineNames.isEmpty()) {
            return DocumentWriter.write(all);
        }
        State chosen = new State();
        Deque<String> todo = new ArrayDeque<>();
        for (String name : new java.util.TreeSet<>(pipelineNames)) {
            if (!all.has(Kind.PIPELINE, name)) {
                throw DocumentReader.fail(null, 0, 0, "pipelines[" + name + "]", "no pipeline has this name");
            }
            todo.add(name);
        }
        while (!todo.isEmpty()) {
            String name = todo.poll();
            if (chosen.has(Kind.PIPELINE, name) || !all.has(Kind.PIPELINE, name)) {
                continue;
            }
            ObjectNode p = all.get(Kind.PIPELINE, name);
            chosen.put(Kind.PIPELINE, name, p);
            copy(all, chosen, Kind.SOURCE, p.path("source").asText());
            copy(all, chosen, Kind.DESTINATION, p.path("destination").asText());
            p.path("notifications").forEach(n -> copy(all, chosen, Kind.NOTIFICATION_TARGET, n.path("target").asText()));
            p.path("depends_on").forEach(u -> todo.add(u.asText()));
        }
        return DocumentWriter.write(chosen);
    }

    private static void copy(State from, State to, Kind kind, String name) {
        if (from.has(kind, name)) {
            to.put(kind, name, from.get(kind, name));
        }
    }

    @Override
    public ApplyPlan plan(Actor actor, String yaml, boolean prune) throws InvalidDocumentException {
        actor.require(Role.EDITOR);
        return run(actor, DocumentReader.read(null, yaml), (kind, name) -> prune, false, null);
    }

    @Override
    public ApplyPlan apply(Actor actor, String yaml, boolean prune) throws InvalidDocumentException {
        actor.require(Role.EDITOR);
        return run(actor, DocumentReader.read(null, yaml), (kind, name) -> prune, true, null);
    }

    @Override
    public ApplyStatus status() {
        return folder == null ? new ApplyStatus(null, null, List.of(), null) : folder.status();
    }

    /** Work done inside the apply's transaction once every change is made, such as the folder's marker. */
    interface AfterChanges {
        void run(List<ApplyPlan.Change> changes);
    }

    /** Ends a plan's transaction: everything it did is rolled back. */
    private static final class RollBack extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RollBack() {
            super(null, null, false, false);
        }
    }

    /**
     * Plans and makes the changes in one transaction; rolls it back unless {@code commit}.
     *
     * @param after inside the transaction after the changes, when committing; may be null
     */
    ApplyPlan run(Actor actor, DocumentReader.Read read, BiPredicate<Kind, String> prunable, boolean commit,
                  AfterChanges after) throws InvalidDocumentException {
        State desired = desired(read);
        try {
            return transaction.atomically(() -> {
                ServerObjects server = ServerObjects.read(connections, targets, pipelines);
                List<ApplyPlan.Change> changes;
                try {
                    changes = Planner.plan(server.state, desired, prunable);
                } catch (InvalidModelException e) {
                    throw invalid(read.places(), e.violations());
                }
                for (ApplyPlan.Change change : changes) {
                    make(actor, change, server, desired, read.places());
                }
                ApplyPlan plan = new ApplyPlan(changes);
                if (!commit) {
                    throw new RollBack();
                }
                if (after != null) {
                    after.run(changes);
                }
                audit.record(actor.username(), "apply", "pipelines-as-code", plan.summary() + describe(changes),
                        actor.address());
                return plan;
            });
        } catch (RollBack planned) {
            // nothing was kept; plan again outside the transaction to answer it (the server is as it was)
            ServerObjects server = ServerObjects.read(connections, targets, pipelines);
            return new ApplyPlan(Planner.plan(server.state, desired, prunable));
        }
    }

    private static String describe(List<ApplyPlan.Change> changes) {
        StringBuilder text = new StringBuilder();
        for (ApplyPlan.Change c : changes) {
            text.append(text.length() == 0 ? ": " : ", ").append(c.action().name().toLowerCase(java.util.Locale.ROOT))
                    .append(' ').append(c.kind()).append(' ').append(c.name());
            if (text.length() > 1500) {
                return text.append(", ...").toString();
            }
        }
        return text.toString();
    }

    /** @return every object of the document in its canonical form, checked by the model */
    static State desired(DocumentReader.Read read) throws InvalidDocumentException {
        State desired = new State();
        List<ConfigViolation> errors = new ArrayList<>();
        for (Kind kind : Kind.ALL) {
            for (Map.Entry<String, ObjectNode> object : read.state().of(kind).entrySet()) {
                String at = kind.section() + "[" + object.getKey() + "]";
                try {
                    desired.put(kind, object.getKey(), Canonical.desired(kind, object.getValue()));
                } catch (InvalidModelException e) {
                    for (ConfigViolation v : e.violations()) {
                        errors.add(new ConfigViolation(at + "." + v.field(), v.message()));
                    }
                }
            }
        }
        if (!errors.isEmpty()) {
            throw invalid(read.places(), errors);
        }
        return desired;
    }

    private void make(Actor actor, ApplyPlan.Change change, ServerObjects server, State desired, Located places)
            throws InvalidDocumentException {
        Kind kind = Kind.ALL.stream().filter(k -> k.id().equals(change.kind())).findFirst().orElseThrow();
        String name = change.name();
        String at = kind.section() + "[" + name + "]";
        try {
            switch (change.action()) {
                case CREATE -> server.created(kind, name, create(actor, kind, desired.get(kind, name), server));
                case UPDATE -> update(actor, kind, server.id(kind, name), desired.get(kind, name), server);
                case DELETE -> delete(actor, kind, server.id(kind, name));
            }
        } catch (InvalidModelException e) {
            List<ConfigViolation> paths = new ArrayList<>();
            for (ConfigViolation v : e.violations()) {
                paths.add(new ConfigViolation(at + "." + Canonical.documentPath(v.field()), v.message()));
            }
            throw invalid(places, paths);
        } catch (ConflictException | NotFoundException e) {
            throw invalid(places, List.of(new ConfigViolation(at, e.getMessage())));
        }
    }

    private String create(Actor actor, Kind kind, ObjectNode object, ServerObjects server) {
        return switch (kind) {
            case SOURCE -> connections.create(actor, io.arus.core.store.ConnectionKind.SOURCE,
                    Canonical.connectionSpec(object)).id();
            case DESTINATION -> connections.create(actor, io.arus.core.store.ConnectionKind.DESTINATION,
                    Canonical.connectionSpec(object)).id();
            case NOTIFICATION_TARGET -> targets.create(actor, Canonical.targetSpec(object)).id();
            case PIPELINE -> pipelines.create(actor, pipelineSpec(object, server)).id();
        };
    }

    private void update(Actor actor, Kind kind, String id, ObjectNode object, ServerObjects server) {
        switch (kind) {
            case SOURCE, DESTINATION -> connections.update(actor, kind == Kind.SOURCE
                    ? io.arus.core.store.ConnectionKind.SOURCE : io.arus.core.store.ConnectionKind.DESTINATION, id,
                    Canonical.connectionSpec(keepSecrets(kind, object, server)));
            case NOTIFICATION_TARGET -> targets.update(actor, id,
                    Canonical.targetSpec(keepSecrets(kind, object, server)));
            case PIPELINE -> pipelines.update(actor, id, pipelineSpec(keepStepSecrets(object), server));
        }
    }

    private void delete(Actor actor, Kind kind, String id) {
        switch (kind) {
            case SOURCE -> connections.delete(actor, io.arus.core.store.ConnectionKind.SOURCE, id);
            case DESTINATION -> connections.delete(actor, io.arus.core.store.ConnectionKind.DESTINATION, id);
            case NOTIFICATION_TARGET -> targets.delete(actor, id);
            case PIPELINE -> pipelines.delete(actor, id);
        }
    }

    /**
     * The masked-keeps rule: a field given exactly as the placeholder an export writes for this object's stored
     * literal secret is sent as the mask, which keeps the stored secret.
     */
    static ObjectNode keepSecrets(Kind kind, ObjectNode object, ServerObjects server) {
        ObjectNode copy = object.deepCopy();
        ObjectNode config = (ObjectNode) copy.get("config");
        Map<String, Object> stored = server.config(kind, object.path("name").asText());
        for (Map.Entry<String, Object> field : stored.entrySet()) {
            String placeholder = SecretPlaceholder.of(kind, object.path("name").asText(), field.getKey());
            if (SecretPlaceholder.MASK.equals(field.getValue())
                    && placeholder.equals(config.path(field.getKey()).asText(null))) {
                config.put(field.getKey(), SecretPlaceholder.MASK);
            }
        }
        return copy;
    }

    /**
     * The masked-keeps rule for a pipeline's step secrets: a step field given exactly as the placeholder an export
     * writes for it is sent as the mask, which keeps the stored secret of that step.
     */
    static ObjectNode keepStepSecrets(ObjectNode object) {
        ObjectNode copy = object.deepCopy();
        if (copy.has("streams")) {
            Canonical.stepSecrets(copy.path("name").asText(), copy.get("streams"), false);
        }
        return copy;
    }

    private static io.arus.core.model.PipelineSpec pipelineSpec(ObjectNode object, ServerObjects server) {
        return Canonical.pipelineSpec(object, name -> idOrName(server, Kind.SOURCE, name),
                name -> idOrName(server, Kind.DESTINATION, name), name -> idOrName(server, Kind.PIPELINE, name),
                name -> idOrName(server, Kind.NOTIFICATION_TARGET, name));
    }

    private static String idOrName(ServerObjects server, Kind kind, String name) {
        String id = server.id(kind, name);
        return id == null ? name : id;
    }

    /** @return the exception naming every violation with its place in the document */
    static InvalidDocumentException invalid(Located places, List<ConfigViolation> violations) {
        List<InvalidDocumentException.Violation> found = new ArrayList<>();
        StringBuilder message = new StringBuilder("nothing was applied: ");
        for (ConfigViolation v : violations) {
            Located.Place place = places.of(v.field());
            String where = place == null ? "" : " (" + (place.file() == null ? "" : place.file() + ", ") + "line "
                    + place.line() + ", column " + place.column() + ")";
            message.append(found.isEmpty() ? "" : "; ").append(v.field()).append(": ").append(v.message()).append(where);
            found.add(new InvalidDocumentException.Violation(v.field(), place == null ? null : place.file(),
                    place == null ? 0 : place.line(), place == null ? 0 : place.column(), v.message()));
        }
        return new InvalidDocumentException(message.toString(), found);
    }
}
