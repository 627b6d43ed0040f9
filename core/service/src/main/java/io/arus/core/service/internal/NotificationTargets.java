package io.arus.core.service.internal;

import io.arus.api.config.ConfigSpec;
import io.arus.api.config.ConfigViolation;
import io.arus.api.notify.Notifier;
import io.arus.core.model.InvalidModelException;
import io.arus.core.model.NotificationTargetSpec;
import io.arus.core.notify.TestNotifications;
import io.arus.core.notify.TestOutcome;
import io.arus.core.platform.PluginCatalog;
import io.arus.core.security.ConnectionSecrets;
import io.arus.core.security.SecretBox;
import io.arus.core.service.Actor;
import io.arus.core.service.NotFoundException;
import io.arus.core.service.NotificationTargetService;
import io.arus.core.service.SavedNotificationTarget;
import io.arus.core.service.SavedNotificationTarget.TargetUse;
import io.arus.core.store.AuditLog;
import io.arus.core.store.NotificationTarget;
import io.arus.core.store.NotificationTargetStore;
import io.arus.core.store.Role;
import io.arus.core.store.SubscribingPipeline;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@link NotificationTargetService} over the store: validated against the notifier type's spec, secrets encrypted
 * and masked (references shown), each change audited, tested through the notifier itself.
 */
@Component(service = NotificationTargetService.class)
public final class NotificationTargets implements NotificationTargetService {
    private static final String KIND = "notification_target";

    private final NotificationTargetStore store;
    private final PluginCatalog catalog;
    private final ConnectionSecrets secrets;
    private final TestNotifications tests;
    private final AuditLog audit;
    private final Transactions transactions;

    @Activate
    public NotificationTargets(@Reference NotificationTargetStore store, @Reference PluginCatalog catalog,
                               @Reference SecretBox box, @Reference TestNotifications tests,
                               @Reference AuditLog audit, @Reference Transactions transactions) {
        this.store = store;
        this.catalog = catalog;
        this.secrets = new ConnectionSecrets(box);
        this.tests = tests;
        this.audit = audit;
        this.transactions = transactions;
    }

    @Override
    public List<SavedNotificationTarget> list() {
        return store.list().stream().map(this::saved).sorted(Comparator.comparing(t -> t.spec().name())).toList();
    }

    @Override
    public SavedNotificationTarget get(String id) {
        return saved(find(id));
    }

    @Override
    public Optional<SavedNotificationTarget> byName(String name) {
        return store.list().stream().filter(t -> t.name().equals(name)).findFirst().map(this::saved);
    }

    @Override
    public SavedNotificationTarget create(Actor actor, NotificationTargetSpec spec) {
        actor.require(Role.EDITOR);
        Validated valid = validate(spec, Map.of());
        NotificationTarget created = transactions.storing(() -> {
            NotificationTarget target = store.create(valid.name(), valid.type(), valid.stored());
            audit.record(actor.username(), KIND + ".create", KIND + ":" + target.id(),
                    target.name() + " (" + target.type() + ")", actor.address());
            return target;
        });
        return saved(created);
    }

    @Override
    public SavedNotificationTarget update(Actor actor, String id, NotificationTargetSpec spec) {
        actor.require(Role.EDITOR);
        NotificationTarget current = find(id);
        // the stored secrets only count when the type stays the same
        Validated valid = validate(spec, spec != null && current.type().equals(spec.type()) ? current.config() : Map.of());
        NotificationTarget updated = transactions.storing(() -> {
            NotificationTarget target = store.update(id, valid.name(), valid.type(), valid.stored())
                    .orElseThrow(() -> new NotFoundException("no notification target " + id));
            audit.record(actor.username(), KIND + ".update", KIND + ":" + id, target.name(), actor.address());
            return target;
        });
        return saved(updated);
    }

    /** Deletes the target; the pipelines that used it lose that subscription, which the audit entry names. */
    @Override
    public void delete(Actor actor, String id) {
        actor.require(Role.EDITOR);
        NotificationTarget current = find(id);
        transactions.atomically(() -> {
            List<String> users = store.subscribers(id).stream().map(SubscribingPipeline::name).toList();
            if (!store.delete(id)) {
                throw new NotFoundException("no notification target " + id);
            }
            String detail = users.isEmpty() ? current.name()
                    : current.name() + " (unsubscribed from pipeline(s) " + String.join(", ", users) + ")";
            audit.record(actor.username(), KIND + ".delete", KIND + ":" + id, detail, actor.address());
            return null;
        });
    }

    @Override
    public String test(Actor actor, String id) {
        actor.require(Role.EDITOR);
        TestOutcome outcome = tests.send(find(id));
        return outcome.ok() ? null : outcome.error();
    }

    @Override
    public String testUnsaved(Actor actor, NotificationTargetSpec spec, String storedId) {
        actor.require(Role.EDITOR);
        if (spec == null) {
            throw FieldChecks.invalid("body", "a JSON body is required");
        }
        ConfigViolation typeError = ConfigChecks.text(spec.type(), "type", 64);
        if (typeError != null) {
            throw new InvalidModelException(List.of(typeError));
        }
        ConfigSpec configSpec = notifier(spec.type()).descriptor().config();
        Map<String, Object> stored = Map.of();
        if (storedId != null) {
            NotificationTarget current = find(storedId);
            stored = current.type().equals(spec.type()) ? current.config() : Map.of();
        }
        String name = spec.name() == null || spec.name().isBlank() ? "unsaved target" : spec.name();
        NotificationTarget unsaved = new NotificationTarget(storedId, name, spec.type(),
                ConfigChecks.sealed(secrets, configSpec, spec.config(), stored, List.of()), null, null);
        TestOutcome outcome = tests.send(unsaved);
        return outcome.ok() ? null : outcome.error();
    }

    private record Validated(String name, String type, Map<String, Object> stored) {
    }

    private Validated validate(NotificationTargetSpec spec, Map<String, Object> storedBefore) {
        if (spec == null) {
            throw FieldChecks.invalid("body", "a JSON body is required");
        }
        List<ConfigViolation> errors = new ArrayList<>();
        Optional.ofNullable(ConfigChecks.text(spec.name(), "name", 100)).ifPresent(errors::add);
        ConfigViolation typeError = ConfigChecks.text(spec.type(), "type", 64);
        if (typeError != null) {
            errors.add(typeError);
            throw new InvalidModelException(errors);
        }
        Optional<Notifier> notifier = catalog.notifier(spec.type());
        if (notifier.isEmpty()) {
            errors.add(new ConfigViolation("type", "no notifier type '" + spec.type() + "' is installed"));
            throw new InvalidModelException(errors);
        }
        ConfigSpec configSpec = notifier.get().descriptor().config();
        return new Validated(spec.name(), spec.type(),
                ConfigChecks.sealed(secrets, configSpec, spec.config(), storedBefore, errors));
    }

    private Notifier notifier(String type) {
        return catalog.notifier(type).orElseThrow(() -> FieldChecks.invalid("type", "no notifier type '" + type + "' is installed"));
    }




    private NotificationTarget find(String id) {
        return store.byId(id).orElseThrow(() -> new NotFoundException("no notification target " + id));
    }

    private SavedNotificationTarget saved(NotificationTarget target) {
        Optional<Notifier> notifier = catalog.notifier(target.type());
        ConfigSpec spec = notifier.map(n -> n.descriptor().config()).orElse(ConfigSpec.EMPTY);
        List<TargetUse> pipelines = store.subscribers(target.id()).stream()
                .map(p -> new TargetUse(p.id(), p.name(), EventOrder.sorted(p.events()))).toList();
        return new SavedNotificationTarget(target.id(),
                new NotificationTargetSpec(target.name(), target.type(), secrets.view(spec, target.config())),
                notifier.isPresent(), pipelines, target.createdAt(), target.updatedAt());
    }
}
