package io.arus.api.config;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The ordered, typed fields a plugin type accepts. The console draws its form from it and the server validates
 * every configuration against it before the plugin sees it, so a plugin receives only well-typed values.
 */
public final class ConfigSpec {
    /** A spec without fields. */
    public static final ConfigSpec EMPTY = new ConfigSpec(List.of());

    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._:\\-\\[\\]%]+");

    private final List<ConfigField> fields;
    private final Map<String, ConfigField> byName;

    private ConfigSpec(List<ConfigField> fields) {
        Map<String, ConfigField> index = new LinkedHashMap<>();
        for (ConfigField field : fields) {
            if (index.put(field.name(), field) != null) {
                throw new IllegalArgumentException("duplicate config field: " + field.name());
            }
        }
        this.fields = List.copyOf(fields);
        this.byName = Collections.unmodifiableMap(index);
    }

    /**
     * @param fields the fields, in the order the console shows them
     * @return a spec
     */
    public static ConfigSpec of(ConfigField... fields) {
        return new ConfigSpec(Arrays.asList(fields));
    }

    /**
     * @param fields the fields, in the order the console shows them
     * @return a spec
     */
    public static ConfigSpec of(List<ConfigField> fields) {
        return new ConfigSpec(fields);
    }

    /** @return the fields, in order */
    public List<ConfigField> fields() {
        return fields;
    }

    /**
     * @param name a field name
     * @return the field, if the spec has one of that name
     */
    public Optional<ConfigField> field(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /**
     * Checks values against the spec: unknown fields, missing required fields, wrong value types, enum options,
     * integer ranges, ports, hosts and URLs. A {@code null} value counts as absent.
     *
     * @param values the values as a user sent them (JSON types: String, Number, Boolean, List)
     * @return every violation, in spec order, then unknown fields; empty when valid
     */
    public List<ConfigViolation> validate(Map<String, ?> values) {
        List<ConfigViolation> violations = new ArrayList<>();
        for (ConfigField field : fields) {
            Object value = values.get(field.name());
            if (isAbsent(field, value)) {
                if (field.required() && field.defaultValue() == null) {
                    violations.add(new ConfigViolation(field.name(), "is required"));
                }
                continue;
            }
            String problem = checkValue(field, value);
            if (problem != null) {
                violations.add(new ConfigViolation(field.name(), problem));
            }
        }
        for (String name : values.keySet()) {
            if (!byName.containsKey(name)) {
                violations.add(new ConfigViolation(name, "is not a field of this type"));
            }
        }
        return violations;
    }

    /**
     * Validates and returns the values with defaults applied.
     *
     * @param values the values as sent
     * @return a validated configuration
     * @throws ConfigException naming every offending field
     */
    public Config resolve(Map<String, ?> values) throws ConfigException {
        List<ConfigViolation> violations = validate(values);
        if (!violations.isEmpty()) {
            throw new ConfigException(violations);
        }
        return Config.of(this, values);
    }

    /** A null, or an empty string for anything but TEXT (what a form sends for a blank input), counts as absent. */
    static boolean isAbsent(ConfigField field, Object value) {
        return value == null || (value instanceof String text && text.isEmpty() && field.type() != FieldType.TEXT);
    }

    private static String checkValue(ConfigField field, Object value) {
        switch (field.type()) {
            case STRING, TEXT, SECRET, EXPRESSION:
                return value instanceof String ? null : "must be a string";
            case BOOLEAN:
                return value instanceof Boolean ? null : "must be true or false";
            case INT:
                return checkInteger(field, value, field.min(), field.max());
            case PORT:
                return checkInteger(field, value, field.min() == null ? 1L : field.min(),
                        field.max() == null ? 65_535L : field.max());
            case ENUM:
                if (!(value instanceof String text)) {
                    return "must be a string";
                }
                return field.options().contains(text) ? null : "must be one of " + field.options();
            case HOST:
                if (!(value instanceof String host)) {
                    return "must be a string";
                }
                return isHost(host) ? null : "must be a host name or IP address (no scheme, port, path or spaces)";
            case URL:
                if (!(value instanceof String url)) {
                    return "must be a string";
                }
                return checkUrl(url);
            case LIST:
                if (!(value instanceof List<?> list)) {
                    return "must be a list of strings";
                }
                for (Object item : list) {
                    if (!(item instanceof String)) {
                        return "must be a list of strings";
                    }
                }
                return null;
            case MAP:
                if (!(value instanceof Map<?, ?> map)) {
                    return "must be an object of names to strings";
                }
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    if (!(entry.getKey() instanceof String key) || key.isEmpty() || !(entry.getValue() instanceof String)) {
                        return "must be an object of names to strings";
                    }
                }
                return null;
            default:
                throw new IllegalStateException("unhandled field type " + field.type());
        }
    }

    private static String checkInteger(ConfigField field, Object value, Long min, Long max) {
        Long whole = wholeNumber(value);
        if (whole == null) {
            return field.type() == FieldType.PORT ? "must be a port number" : "must be a whole number";
        }
        long number = whole;
        if (min != null && number < min) {
            return "must be at least " + min;
        }
        if (max != null && number > max) {
            return "must be at most " + max;
        }
        return null;
    }

    /** The value as a long when it is a whole number within the long range (JSON may give BigInteger/BigDecimal). */
    private static Long wholeNumber(Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigInteger big) {
            return big.bitLength() < 64 ? big.longValue() : null;
        }
        if (value instanceof BigDecimal decimal) {
            try {
                BigInteger big = decimal.toBigIntegerExact();
                return big.bitLength() < 64 ? big.longValue() : null;
            } catch (ArithmeticException e) {
                return null;
            }
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            return d == Math.rint(d) && d >= -0x1p63 && d < 0x1p63 ? (long) d : null;
        }
        return null;
    }

    private static boolean isHost(String host) {
        if (!HOST.matcher(host).matches()) {
            return false;
        }
        int colons = host.length() - host.replace(":", "").length();
        // a colon belongs to an IPv6 address only; "db:5432" is a host with a port, which has its own field
        return colons == 0 || (host.startsWith("[") && host.endsWith("]")) || colons >= 2 && !host.contains("[");
    }

    private static String checkUrl(String url) {
        try {
            URI uri = new URI(url);
            // getHost() is null for names java.net.URI finds unusual (an underscore); the authority is enough
            if (uri.getScheme() == null || uri.getAuthority() == null || uri.getAuthority().isBlank()) {
                return "must be an absolute URL with a scheme and a host";
            }
            return null;
        } catch (URISyntaxException e) {
            return "is not a valid URL: " + e.getReason();
        }
    }
}
