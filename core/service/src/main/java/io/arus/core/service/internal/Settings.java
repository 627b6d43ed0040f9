package io.arus.core.service.internal;

import io.arus.core.service.Actor;
import io.arus.core.service.SettingsService;
import io.arus.core.store.AuditLog;
import io.arus.core.store.Role;
import io.arus.core.store.SettingsStore;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@link SettingsService} over the settings store. */
@Component(service = SettingsService.class)
public final class Settings implements SettingsService {
    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_.]{0,99}");

    private final SettingsStore settings;
    private final AuditLog audit;

    @Activate
    public Settings(@Reference SettingsStore settings, @Reference AuditLog audit) {
        this.settings = settings;
        this.audit = audit;
    }

    @Override
    public Map<String, String> all() {
        return settings.all();
    }

    @Override
    public Optional<String> get(String key) {
        return key == null || !KEY.matcher(key).matches() ? Optional.empty() : settings.get(key);
    }

    @Override
    public Map<String, String> update(Actor actor, Map<String, String> values) {
        actor.require(Role.ADMIN);
        if (values == null) {
            throw FieldChecks.invalid("settings", "are required");
        }
        for (Map.Entry<String, String> entry : values.entrySet()) {
            if (entry.getKey() == null || !KEY.matcher(entry.getKey()).matches()) {
                throw FieldChecks.invalid(String.valueOf(entry.getKey()),
                        "is not a valid setting key (lower case, digits, '.', '_')");
            }
            if (entry.getValue() == null || entry.getValue().length() > 10_000) {
                throw FieldChecks.invalid(entry.getKey(), "must be a string of at most 10000 characters");
            }
        }
        // before the change: a setting is an upsert that retries on its own, which a shared transaction cannot
        audit.record(actor.username(), "settings.update", null, String.join(",", values.keySet()), actor.address());
        values.forEach(settings::put);
        return settings.all();
    }
}
