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
import io.arus.core.rest.internal.NotificationTargetViews.TargetView;
import io.arus.core.rest.internal.NotificationTargetViews.TestAnswer;
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
            NotificationTarget created = store.create(valid.name(), valid.type(), valid.stored());
            audit.record(actor, KIND + ".create", KIND + ":" + created.id(),
                    created.name() + " (" + created.type() + ")", address);
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
            NotificationTarget updated = store.update(id, valid.name(), valid.type(), valid.stored())
                    .orElseThrow(() -> ApiException.notFound("no notification target " + id));
            audit.record(actor, KIND + ".update", KIND + ":" + id, updated.name(), address);
            return view(updated);
        } catch (ConflictException e) {
            throw ApiException.conflict(e.getMessage());
        }
    }

    /** Deletes the target; the pipelines that used it lose that subscription, which the audit entry names. */
    void delete(String id, String actor, String address) {
        NotificationTarget current = find(id);
        List<String> users = store.subscribers(id).stream().map(SubscribingPipeline::name).toList();
        if (!store.delete(id)) {
            throw ApiException.notFound("no notification target " + id);
        }
        String detail = users.isEmpty() ? current.name()
                : current.name() + " (unsubscribed from pipeline(s) " + String.join(", ", users) + ")";
        audit.record(actor, KIND + ".delete", KIND + ":" + id, detail, address);
    }

    TestAnswer test(String id) {
        TestOutcome outcome = tests.send(find(id));
        return new TestAnswer(outcome.ok(), outcome.error());
    }

    private record Validated(String name, String type, Map<String, Object> stored) {
    }

    private Validated validate(TargetRequest body, Map<String, Object> storedBefore) {
        Bodies.required(body);
        String name = Bodies.text(body.name(), "name", 100);
        String type = Bodies.text(body.type(), "type", 64);
        Notifier notifier = catalog.notifier(type)
                .orElseThrow(() -> ApiException.invalid("type", "no notifier type '" + type + "' is installed"));
        ConfigSpec spec = notifier.descriptor().config();
        Map<String, Object> config = secrets.unmask(spec, body.config() == null ? Map.of() : body.config(),
                storedBefore);
        Bodies.validConfig(spec, config);
        // stored with the spec's defaults applied: what a user reads back is what the notifier will get
        return new Validated(name, type, secrets.encrypt(spec, Config.of(spec, config).values()));
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
