package io.arus.core.rest.internal;

import io.arus.api.config.Config;
import io.arus.api.config.ConfigSpec;
import io.arus.api.notify.Notifier;
import io.arus.core.notify.TargetSecrets;
import io.arus.core.notify.TestNotifications;
import io.arus.core.notify.TestOutcome;
import io.arus.core.platform.PluginCatalog;
import io.arus.core.rest.internal.NotificationTargetViews.PipelineUse;
import io.arus.core.rest.internal.NotificationTargetViews.TargetRequest;
import io.arus.core.rest.internal.NotificationTargetViews.TargetTestRequest;
import io.arus.core.rest.internal.NotificationTargetViews.TargetView;
import io.arus.core.rest.internal.NotificationTargetViews.TestAnswer;
import io.arus.core.security.MaskRefusedException;
import io.arus.core.security.SecretBox;
import io.arus.core.store.AuditLog;
import io.arus.core.store.ConflictException;
import io.arus.core.store.NotificationTarget;
import io.arus.core.store.NotificationTargetStore;
import io.arus.core.store.SubscribingPipeline;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Notification targets: validated against their notifier type's spec, secrets encrypted before they are stored
 * and masked in every answer, each change audited, tested through the notifier itself.
 */
@Component(service = NotificationTargetService.class)
public final class NotificationTargetService {
    private static final String KIND = "notification_target";

    private final NotificationTargetStore store;
    private final PluginCatalog catalog;
    private final TargetSecrets secrets;
    private final TestNotifications tests;
    private final AuditLog audit;

    @Activate
    public NotificationTargetService(@Reference NotificationTargetStore store, @Reference PluginCatalog catalog,
                                     @Reference SecretBox box, @Reference TestNotifications tests,
                                     @Reference AuditLog audit) {
        this.store = store;
        this.catalog = catalog;
        this.secrets = new TargetSecrets(box);
        this.tests = tests;
        this.audit = audit;
    }

    List<TargetView> list() {
        return store.list().stream().map(this::view).toList();
    }

    TargetView get(String id) {
        return view(find(id));
    }

    TargetView create(TargetRequest body, String actor, String address) {
        Validated valid = validate(body, Map.of());
        try {
            NotificationTarget created = audit.atomically(() -> {
                NotificationTarget target = store.create(valid.name(), valid.type(), valid.stored());
                audit.record(actor, KIND + ".create", KIND + ":" + target.id(),
                        target.name() + " (" + target.type() + ")", address);
                return target;
            });
            return view(created);
        } catch (ConflictException e) {
            throw ApiException.conflict(e.getMessage());
        }
    }

    TargetView update(String id, TargetRequest body, String actor, String address) {
        NotificationTarget current = find(id);
        // the stored secrets only count when the type stays the same
        Validated valid = validate(body, current.type().equals(body == null ? null : body.type())
                ? current.config() : Map.of());
        try {
            NotificationTarget updated = audit.atomically(() -> {
                NotificationTarget target = store.update(id, valid.name(), valid.type(), valid.stored())
                        .orElseThrow(() -> ApiException.notFound("no notification target " + id));
                audit.record(actor, KIND + ".update", KIND + ":" + id, target.name(), address);
                return target;
            });
            return view(updated);
        } catch (ConflictException e) {
            throw ApiException.conflict(e.getMessage());
        }
    }

    /** Deletes the target; the pipelines that used it lose that subscription, which the audit entry names. */
    void delete(String id, String actor, String address) {
        NotificationTarget current = find(id);
        audit.atomically(() -> {
            List<String> users = store.subscribers(id).stream().map(SubscribingPipeline::name).toList();
            if (!store.delete(id)) {
                throw ApiException.notFound("no notification target " + id);
            }
            String detail = users.isEmpty() ? current.name()
                    : current.name() + " (unsubscribed from pipeline(s) " + String.join(", ", users) + ")";
            audit.record(actor, KIND + ".delete", KIND + ":" + id, detail, address);
            return null;
        });
    }

    TestAnswer test(String id) {
        TestOutcome outcome = tests.send(find(id));
        return new TestAnswer(outcome.ok(), outcome.error());
    }

    /**
     * Sends a test notification to a configuration without storing it. With the id of a stored target of the same
     * type, its secrets fill the fields sent as the mask, as long as nothing that binds them changed.
     */
    TestAnswer testUnsaved(TargetTestRequest body) {
        Bodies.required(body);
        String type = Bodies.text(body.type(), "type", 64);
        ConfigSpec spec = notifier(type).descriptor().config();
        Map<String, Object> stored = Map.of();
        if (body.id() != null) {
            NotificationTarget current = find(body.id());
            stored = current.type().equals(type) ? current.config() : Map.of();
        }
        Map<String, Object> config = unmask(spec, body.config(), stored);
        Bodies.validConfig(spec, config);
        String name = body.name() == null || body.name().isBlank() ? "unsaved target" : body.name();
        NotificationTarget unsaved = new NotificationTarget(body.id(), name, type,
                secrets.encrypt(spec, Config.of(spec, config).values()), null, null);
        TestOutcome outcome = tests.send(unsaved);
        return new TestAnswer(outcome.ok(), outcome.error());
    }

    private record Validated(String name, String type, Map<String, Object> stored) {
    }

    private Validated validate(TargetRequest body, Map<String, Object> storedBefore) {
        Bodies.required(body);
        String name = Bodies.text(body.name(), "name", 100);
        String type = Bodies.text(body.type(), "type", 64);
        ConfigSpec spec = notifier(type).descriptor().config();
        Map<String, Object> config = unmask(spec, body.config(), storedBefore);
        Bodies.validConfig(spec, config);
        // stored with the spec's defaults applied: what a user reads back is what the notifier will get
        return new Validated(name, type, secrets.encrypt(spec, Config.of(spec, config).values()));
    }

    private Notifier notifier(String type) {
        return catalog.notifier(type)
                .orElseThrow(() -> ApiException.invalid("type", "no notifier type '" + type + "' is installed"));
    }

    /** Fills masked secrets from the stored ones; a 400 naming each secret to give again when its address moved. */
    private Map<String, Object> unmask(ConfigSpec spec, Map<String, Object> incoming, Map<String, Object> stored) {
        try {
            return secrets.unmask(spec, incoming == null ? Map.of() : incoming, stored);
        } catch (MaskRefusedException e) {
            throw Bodies.invalid(e.violations().stream()
                    .map(v -> new Problem.FieldError("config." + v.field(), v.message())).toList());
        }
    }

    private NotificationTarget find(String id) {
        return store.byId(id).orElseThrow(() -> ApiException.notFound("no notification target " + id));
    }

    private TargetView view(NotificationTarget target) {
        Optional<Notifier> notifier = catalog.notifier(target.type());
        ConfigSpec spec = notifier.map(n -> n.descriptor().config()).orElse(ConfigSpec.EMPTY);
        List<PipelineUse> pipelines = store.subscribers(target.id()).stream().map(PipelineUse::of).toList();
        return new TargetView(target.id(), target.name(), target.type(), TargetSecrets.mask(spec, target.config()),
                notifier.isPresent(), pipelines, target.createdAt(), target.updatedAt());
    }
}
