package io.arus.core.service.internal;

import io.arus.api.config.ConfigField;
import io.arus.api.config.ConfigSpec;
import io.arus.api.config.ConfigViolation;
import io.arus.api.config.FieldType;
import io.arus.core.security.ConnectionSecrets;
import io.arus.core.security.SecretReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The checks of a plugin configuration a client sent, each violation named {@code config.<field>}. */
final class ConfigChecks {
    /** The most items a list field of a configuration may hold. */
    static final int MAX_LIST_ITEMS = 1_000;

    private ConfigChecks() {
    }

    /**
     * @return the spec's own violations, values longer than their kind of field may be, and secret references that
     *         are refused, each named {@code config.<field>}
     */
    static List<ConfigViolation> violations(ConfigSpec spec, Map<String, ?> config) {
        List<ConfigViolation> errors = new ArrayList<>();
        for (ConfigViolation v : spec.validate(config)) {
            // a secret given as ${env:...} or ${file:...} is a reference, not a value of its field's kind (a webhook
            // URL): its form is checked below, its value when it is resolved
            if (!heldAsReference(spec, config, v.field())) {
                errors.add(new ConfigViolation("config." + v.field(), v.message()));
            }
        }
        for (ConfigField field : spec.fields()) {
            Object value = config == null ? null : config.get(field.name());
            if (errors.stream().anyMatch(e -> e.field().equals("config." + field.name()))) {
                continue;
            }
            int max = maxLength(field.type());
            if (value instanceof String text && text.length() > max) {
                errors.add(new ConfigViolation("config." + field.name(), "must be at most " + max + " characters"));
            } else if (value instanceof List<?> list && (list.size() > MAX_LIST_ITEMS
                    || list.stream().anyMatch(item -> item instanceof String text && text.length() > max))) {
                errors.add(new ConfigViolation("config." + field.name(),
                        "must hold at most " + MAX_LIST_ITEMS + " items of at most " + max + " characters"));
            }
        }
        if (config != null) {
            for (ConfigViolation v : ConnectionSecrets.referenceViolations(spec, config)) {
                if (errors.stream().noneMatch(e -> e.field().equals("config." + v.field()))) {
                    errors.add(new ConfigViolation("config." + v.field(), v.message()));
                }
            }
        }
        return errors;
    }

    /**
     * Fills masked secrets from the stored ones; refused, naming each {@code config.<secret>} to give again, when a
     * field that binds secrets (its address) moved.
     */
    static Map<String, Object> unmask(ConnectionSecrets secrets, ConfigSpec spec, Map<String, Object> incoming,
                                      Map<String, Object> stored) {
        try {
            return secrets.unmask(spec, incoming == null ? Map.of() : incoming, stored);
        } catch (io.arus.core.security.MaskRefusedException e) {
            throw new io.arus.core.model.InvalidModelException(e.violations().stream()
                    .map(v -> new ConfigViolation("config." + v.field(), v.message())).toList());
        }
    }

    /**
     * Checks a configuration a client sent and encrypts it for storing, the spec's defaults applied (what a user
     * reads back is what the plugin gets).
     *
     * @param errors violations found before (name, type), thrown together with the configuration's own
     * @throws io.arus.core.model.InvalidModelException naming every violation at once
     */
    static Map<String, Object> sealed(ConnectionSecrets secrets, ConfigSpec spec, Map<String, Object> incoming,
                                      Map<String, Object> stored, List<ConfigViolation> errors) {
        Map<String, Object> config = unmask(secrets, spec, incoming, stored);
        List<ConfigViolation> all = new ArrayList<>(errors);
        all.addAll(violations(spec, config));
        if (!all.isEmpty()) {
            throw new io.arus.core.model.InvalidModelException(all);
        }
        return secrets.encrypt(spec, io.arus.api.config.Config.of(spec, config).values());
    }

    /** @return whether {@code field} (or the list field an entry path such as {@code urls[2]} names) is a secret held as a reference */
    private static boolean heldAsReference(ConfigSpec spec, Map<String, ?> config, String field) {
        String name = field.contains("[") ? field.substring(0, field.indexOf('[')) : field;
        Object value = config == null ? null : config.get(name);
        return spec.fields().stream().anyMatch(f -> f.name().equals(name) && f.secret())
                && (SecretReference.isReference(value)
                || value instanceof List<?> list && !list.isEmpty() && list.stream().allMatch(SecretReference::isReference));
    }

    /** The longest value of each kind of configuration field: a host name is at most 253 characters (RFC 1035). */
    static int maxLength(FieldType type) {
        return switch (type) {
            case HOST -> 253;
            case URL -> 2_048;
            case STRING, ENUM, LIST, MAP -> 1_000;
            case EXPRESSION -> 10_000;
            case SECRET -> 16_384;
            case TEXT -> 200_000;
            case INT, BOOLEAN, PORT -> 100;
        };
    }

    /** @return the violation of a required text field of at most {@code max} characters, or null */
    static ConfigViolation text(String value, String field, int max) {
        if (value == null || value.isBlank()) {
            return new ConfigViolation(field, "is required");
        }
        return value.length() > max ? new ConfigViolation(field, "must be at most " + max + " characters") : null;
    }
}
