package io.arus.api.config;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One typed field of a {@link ConfigSpec}: what the console shows and what the server validates.
 * Build one with {@link #builder(String, FieldType)}.
 *
 * @param name         the key in the configuration map, in {@code snake_case}, e.g. {@code "host"}
 * @param type         the kind of value
 * @param label        a short human label, e.g. {@code "Host"}
 * @param required     whether a value must be given (a field with a default is never missing)
 * @param defaultValue the value used when none is given, or {@code null}
 * @param secret       whether the value is a secret: encrypted at rest, masked in responses, never logged
 * @param help         one or two sentences of help, or an empty string
 * @param options      the allowed values of an {@link FieldType#ENUM} field; empty otherwise
 * @param min          the smallest allowed {@link FieldType#INT} value, or {@code null}
 * @param max          the largest allowed {@link FieldType#INT} value, or {@code null}
 * @param bindsSecrets whether the field says where (or how safely) the secrets are sent: a host, a port, a URL, a
 *                     TLS switch, a connection string. A client that changes it must give every secret again
 *                     rather than send the mask back, so that a stored secret never follows a changed address.
 *                     Implied by {@link FieldType#HOST}, {@link FieldType#PORT} and {@link FieldType#URL}.
 */
public record ConfigField(
        String name,
        FieldType type,
        String label,
        boolean required,
        Object defaultValue,
        boolean secret,
        String help,
        List<String> options,
        Long min,
        Long max,
        boolean bindsSecrets) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

    /** Checks the field is well formed; plugin authors see mistakes at activation, not at a user's request. */
    public ConfigField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("config field name must be snake_case: " + name);
        }
        label = label == null || label.isBlank() ? name : label;
        help = help == null ? "" : help;
        options = options == null ? List.of() : List.copyOf(options);
        secret = secret || type == FieldType.SECRET;
        bindsSecrets = bindsSecrets || type == FieldType.HOST || type == FieldType.PORT || type == FieldType.URL;
        if (type == FieldType.ENUM && options.isEmpty()) {
            throw new IllegalArgumentException("enum field " + name + " needs options");
        }
        if (min != null && max != null && min > max) {
            throw new IllegalArgumentException("field " + name + ": min > max");
        }
    }

    /**
     * A field as before {@link #bindsSecrets()} existed: it binds secrets only when its type is a host, port or URL.
     *
     * @param name         the key, in {@code snake_case}
     * @param type         the kind of value
     * @param label        a short human label
     * @param required     whether a value must be given
     * @param defaultValue the default, or {@code null}
     * @param secret       whether the value is a secret
     * @param help         help text, or an empty string
     * @param options      the options of an enum field
     * @param min          the smallest allowed value, or {@code null}
     * @param max          the largest allowed value, or {@code null}
     */
    public ConfigField(String name, FieldType type, String label, boolean required, Object defaultValue, boolean secret,
                       String help, List<String> options, Long min, Long max) {
        this(name, type, label, required, defaultValue, secret, help, options, min, max, false);
    }

    /**
     * Starts a field.
     *
     * @param name the key, in {@code snake_case}
     * @param type the kind of value
     * @return a builder
     */
    public static Builder builder(String name, FieldType type) {
        return new Builder(name, type);
    }

    /** Builds a {@link ConfigField}. */
    public static final class Builder {
        private final String name;
        private final FieldType type;
        private String label;
        private boolean required;
        private Object defaultValue;
        private boolean secret;
        private String help;
        private List<String> options;
        private Long min;
        private Long max;
        private boolean bindsSecrets;

        private Builder(String name, FieldType type) {
            this.name = name;
            this.type = type;
        }

        /** @param label the human label @return this */
        public Builder label(String label) {
            this.label = label;
            return this;
        }

        /** Marks the field required. @return this */
        public Builder required() {
            this.required = true;
            return this;
        }

        /** @param value the default value @return this */
        public Builder defaultValue(Object value) {
            this.defaultValue = value;
            return this;
        }

        /** Marks the value secret (implied by {@link FieldType#SECRET}). @return this */
        public Builder secret() {
            this.secret = true;
            return this;
        }

        /** @param help one or two sentences of help @return this */
        public Builder help(String help) {
            this.help = help;
            return this;
        }

        /** @param options the allowed values of an enum field @return this */
        public Builder options(String... options) {
            this.options = List.of(options);
            return this;
        }

        /** @param min the smallest allowed value @param max the largest allowed value @return this */
        public Builder range(long min, long max) {
            this.min = min;
            this.max = max;
            return this;
        }

        /**
         * Marks a field that says where or how safely the secrets are sent, beyond the host, port and URL fields
         * that always do: a TLS mode, an endpoint given as plain text, a connection string. Changing it makes the
         * client give the secrets again. @return this
         */
        public Builder bindsSecrets() {
            this.bindsSecrets = true;
            return this;
        }

        /** @return the field */
        public ConfigField build() {
            return new ConfigField(name, type, label, required, defaultValue, secret, help, options, min, max,
                    bindsSecrets);
        }
    }
}
