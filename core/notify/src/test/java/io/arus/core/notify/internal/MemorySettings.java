package io.arus.core.notify.internal;

import io.arus.core.store.SettingsStore;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Settings in a map, for tests. */
final class MemorySettings implements SettingsStore {
    private final Map<String, String> values = new TreeMap<>();

    @Override
    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    @Override
    public void put(String key, String value) {
        values.put(key, value);
    }

    @Override
    public Map<String, String> all() {
        return Map.copyOf(values);
    }
}
