package io.arus.api.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Validated configuration values of one plugin instance (a source, a destination, a transform step, a
 * notification target), with the spec's defaults applied. Secrets are here in clear text for the plugin to use;
 * {@link #toString()} masks them, so a configuration may be logged safely.
 */
public final class Config {
    /** What a secret is replaced with wherever a configuration is shown. */
    public static final String MASK = "******";

    private final ConfigSpec spec;
    private final Map<String, Object> values;

    private Config(ConfigSpec spec, Map<String, Object> values) {
        this.spec = spec;
        this.values = values;
    }

    /**
     * Applies defaults to values. Does not validate: use {@link ConfigSpec#resolve(Map)} for user input.
     *
     * @param spec   the spec the values follow
     * @param values the values
     * @return the configuration
     */
    public static Config of(ConfigSpec spec, Map<String, ?> values) {
        Map<String, Object> resolved = new LinkedHashMap<>();
        for (ConfigField field : spec.fields()) {
            Object value = values.get(field.name());
            if (ConfigSpec.isAbsent(field, value)) {
                value = null;
            }
            if (value == null && field.defaultValue() != null) {
                value = field.defaultValue();
            }
            if (value != null) {
                resolved.put(field.name(), value);
            }
        }
        return new Config(spec, Collections.unmodifiableMap(resolved));
    }

    /** @return the spec these values follow */
    public ConfigSpec spec() {
        return spec;
    }

    /** @return every value with defaults applied, secrets in clear text; never log this map */
    public Map<String, Object> values() {
        return values;
    }

    /**
     * @param name a field name
     * @return whether the field has a value (given or default)
     */
    public boolean has(String name) {
        return values.containsKey(name);
    }

    /**
     * @param name a STRING, TEXT, SECRET, ENUM, HOST or URL field
     * @return its value, or {@code null} when absent
     */
    public String string(String name) {
        Object value = values.get(name);
        return value == null ? null : value.toString();
    }

    /**
     * @param name         a field name
     * @param defaultValue what to return when absent
     * @return its value as a string, or the default
     */
    public String string(String name, String defaultValue) {
        String value = string(name);
        return value == null ? defaultValue : value;
    }

    /**
     * @param name         an INT or PORT field
     * @param defaultValue what to return when absent
     * @return its value
     */
    public long number(String name, long defaultValue) {
        Object value = values.get(name);
        if (value == null) {
            return defaultValue;
        }
        return value instanceof Number n ? n.longValue() : Long.parseLong(value.toString());
    }

    /**
     * @param name         an INT or PORT field
     * @param defaultValue what to return when absent
     * @return its value
     */
    public int integer(String name, int defaultValue) {
        return Math.toIntExact(number(name, defaultValue));
    }

    /**
     * @param name         a BOOLEAN field
     * @param defaultValue what to return when absent
     * @return its value
     */
    public boolean bool(String name, boolean defaultValue) {
        Object value = values.get(name);
        if (value == null) {
            return defaultValue;
        }
        return value instanceof Boolean b ? b : Boolean.parseBoolean(value.toString());
    }

    /**
     * @param name a LIST field
     * @return its values, empty when absent
     */
    public List<String> list(String name) {
        Object value = values.get(name);
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(Objects::toString).toList();
        }
        return List.of(value.toString());
    }

    /**
     * @param name a MAP field
     * @return its entries in the order given, empty when absent
     */
    public Map<String, String> map(String name) {
        Object value = values.get(name);
        Map<String, String> copy = new LinkedHashMap<>();
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> copy.put(String.valueOf(k), v == null ? null : v.toString()));
        }
        return Collections.unmodifiableMap(copy);
    }

    /** @return the values with every secret replaced by {@link #MASK} */
    public Map<String, Object> masked() {
        Map<String, Object> copy = new LinkedHashMap<>(values);
        for (ConfigField field : spec.fields()) {
            if (field.secret() && copy.containsKey(field.name())) {
                copy.put(field.name(), MASK);
            }
        }
        return Collections.unmodifiableMap(copy);
    }

    /** @return the values with secrets masked: safe to log */
    @Override
    public String toString() {
        return masked().toString();
    }
}
