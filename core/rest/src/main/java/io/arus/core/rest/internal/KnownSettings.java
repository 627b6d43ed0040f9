package io.arus.core.rest.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The settings keys the server reads, for the settings page: each with its type, its default and what it does.
 * Other keys may be stored (an admin may keep notes there) but change nothing.
 */
final class KnownSettings {
    /**
     * @param key          the setting's key
     * @param type         {@code url}, {@code string}, {@code integer} or {@code boolean}
     * @param defaultValue what applies while it is not set, in words or as a value
     * @param help         what it does
     */
    record Key(String key, String type, String defaultValue, String help) {
        Map<String, Object> view() {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("key", key);
            view.put("type", type);
            view.put("default", defaultValue);
            view.put("help", help);
            return view;
        }
    }

    static final List<Key> KEYS = List.of(
            new Key("arus.public.url", "url", null,
                    "The address users reach the console at (e.g. https://arus.example.com). Notifications link to"
                            + " runs under it. Unset: the framework or system property arus.public.url, else"
                            + " http://localhost:<port>."));

    private KnownSettings() {
    }
}
