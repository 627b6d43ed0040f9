package io.arus.core.store;

import java.util.Map;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** Server settings, as key/value strings. */
@ProviderType
public interface SettingsStore {
    /** @return the value */
    Optional<String> get(String key);

    /** Sets or replaces a value. */
    void put(String key, String value);

    /** @return every setting, by key */
    Map<String, String> all();
}
