package io.arus.core.service;

import java.util.Map;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** Server settings as key/value pairs ({@code /api/settings}, {@code arus:setting*}): everyone reads, admins change. */
@ProviderType
public interface SettingsService {
    /** @return every stored setting, by key */
    Map<String, String> all();

    /** @return the stored value of a key */
    Optional<String> get(String key);

    /**
     * Sets the given keys, others stay as they are. Audited before the change: a setting is an upsert that retries
     * on its own, which a shared transaction cannot hold.
     *
     * @param values keys of lower case letters, digits, '.' and '_' (at most 100), values of at most 10000 characters
     * @return every setting after the change
     * @throws ForbiddenException                       unless the actor is an admin
     * @throws io.arus.core.model.InvalidModelException naming each bad key
     */
    Map<String, String> update(Actor actor, Map<String, String> values);
}
