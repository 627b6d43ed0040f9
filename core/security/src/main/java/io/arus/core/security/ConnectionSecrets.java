package io.arus.core.security;

import io.arus.api.config.Config;
import io.arus.api.config.ConfigField;
import io.arus.api.config.ConfigSpec;
import io.arus.api.config.ConfigViolation;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The life of a configuration's secret fields (those its plugin's spec marks secret: a connection's passwords, a
 * notification target's webhook URLs and tokens): encrypted before they are stored, decrypted only to use them,
 * masked as {@value Config#MASK} in every answer, and kept when a client sends the mask back unchanged, as long as
 * nothing that says where it is sent changed (see {@link #unmask}). A secret
 * may be a list (a webhook's headers): each entry is encrypted.
 */
public final class ConnectionSecrets {
    private final SecretBox box;

    /** @param box the server's secret box */
    public ConnectionSecrets(SecretBox box) {
        this.box = Objects.requireNonNull(box, "box");
    }

    /**
     * Replaces every secret sent back as the mask by the stored value, decrypted, so that the result can be
     * validated and stored like a new configuration. The mask keeps a secret only while every field that
     * {@linkplain ConfigField#bindsSecrets() binds secrets} is as stored (both compared with the spec's defaults
     * applied): a stored password never goes to a host it was not given for.
     *
     * @param incoming what the client sent
     * @param stored   what is stored now (encrypted), or an empty map for a new connection
     * @return the configuration with masks resolved; a mask with nothing stored behind it is dropped
     * @throws MaskRefusedException naming each masked secret, when a field that binds secrets changed
     */
    public Map<String, Object> unmask(ConfigSpec spec, Map<String, ?> incoming, Map<String, ?> stored) {
        Map<String, Object> result = new LinkedHashMap<>(incoming);
        List<ConfigField> kept = new ArrayList<>();
        for (ConfigField field : spec.fields()) {
            if (field.secret() && Config.MASK.equals(incoming.get(field.name()))) {
                Object previous = stored.get(field.name());
                if (previous == null) {
                    result.remove(field.name());
                } else {
                    result.put(field.name(), openValue(previous));
                    kept.add(field);
                }
            }
        }
        if (!kept.isEmpty()) {
            List<String> changed = changedBindings(spec, result, stored);
            if (!changed.isEmpty()) {
                throw new MaskRefusedException(kept.stream().map(field -> new ConfigViolation(field.name(),
                        "give the " + lowerFirst(field.label()) + " again: " + String.join(", ", changed) + " changed"))
                        .toList());
            }
        }
        return result;
    }

    /** @return the fields that bind secrets whose value differs from the stored one, defaults applied to both */
    private List<String> changedBindings(ConfigSpec spec, Map<String, Object> resolved, Map<String, ?> stored) {
        Map<String, Object> now = Config.of(spec, resolved).values();
        Map<String, Object> before = Config.of(spec, open(stored)).values();
        List<String> changed = new ArrayList<>();
        for (ConfigField field : spec.fields()) {
            if (field.bindsSecrets() && !sameValue(now.get(field.name()), before.get(field.name()))) {
                changed.add(field.name());
            }
        }
        return changed;
    }

    /** JSON gives 5432 as an Integer, a stored document may hold a Long or a Double: numbers compare by value. */
    private static boolean sameValue(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString())) == 0;
        }
        return Objects.equals(a, b);
    }

    private static String lowerFirst(String label) {
        boolean acronym = label.length() > 1 && Character.isUpperCase(label.charAt(1));
        return acronym ? label : Character.toLowerCase(label.charAt(0)) + label.substring(1);
    }

    /** @return the configuration with every secret field encrypted (each entry of a list), ready to store */
    public Map<String, Object> encrypt(ConfigSpec spec, Map<String, ?> values) {
        Map<String, Object> result = new LinkedHashMap<>(values);
        for (ConfigField field : spec.fields()) {
            Object value = values.get(field.name());
            if (field.secret() && value != null) {
                result.put(field.name(), encryptValue(value));
            }
        }
        return result;
    }

    /**
     * The one place clear secrets come from (the engine, connection tests and notifications call it): every
     * encrypted value (and list entry) decrypted, and every {@linkplain SecretReference secret reference} among them
     * resolved now. Only to use it: never put the result in an answer, an event, an audit detail or a log line.
     *
     * @throws SecretReferenceException naming the reference when it cannot be resolved (an unset variable, a
     *                                  missing file, a file outside the secrets folder)
     */
    public Map<String, Object> decrypt(Map<String, ?> stored) {
        Map<String, Object> result = new LinkedHashMap<>(stored);
        stored.forEach((name, value) -> result.put(name, decryptValue(value)));
        return result;
    }

    /** @return the stored configuration decrypted, secret references left as written (not resolved) */
    Map<String, Object> open(Map<String, ?> stored) {
        Map<String, Object> result = new LinkedHashMap<>(stored);
        stored.forEach((name, value) -> result.put(name, openValue(value)));
        return result;
    }

    /**
     * @return the stored configuration as answers show it: literal secrets masked as in {@link #mask}, secret
     *         references ({@code ${env:NAME}}, {@code ${file:/path}}) shown as written, since they are no secret
     * @since 1.2
     */
    public Map<String, Object> view(ConfigSpec spec, Map<String, ?> stored) {
        Map<String, Object> result = mask(spec, stored);
        stored.forEach((name, value) -> {
            Object opened = SecretBox.isEncrypted(value) ? openValue(value) : null;
            if (SecretReference.isReference(opened)) {
                result.put(name, opened);
            }
        });
        return result;
    }

    /**
     * @param config a configuration about to be stored (masks already filled in), secrets in clear
     * @return one violation per secret field (or list entry) holding a reference that is refused
     *         ({@link SecretReference#problem}), named by the field
     * @since 1.2
     */
    public static List<ConfigViolation> referenceViolations(ConfigSpec spec, Map<String, ?> config) {
        List<ConfigViolation> violations = new ArrayList<>();
        for (ConfigField field : spec.fields()) {
            Object value = field.secret() ? config.get(field.name()) : null;
            List<?> values = value instanceof List<?> list ? list : value == null ? List.of() : List.of(value);
            for (Object entry : values) {
                if (SecretReference.isReference(entry)) {
                    SecretReference.problem((String) entry).ifPresent(problem ->
                            violations.add(new ConfigViolation(field.name(), problem)));
                } else if (entry instanceof String text && text.startsWith("${") && text.endsWith("}")
                        && (text.startsWith("${env:") || text.startsWith("${file:"))) {
                    violations.add(new ConfigViolation(field.name(), SecretReference.problem(text).orElse("is malformed")));
                }
            }
        }
        return violations;
    }

    /**
     * @return the stored configuration as every answer shows it: each secret (by the spec, and any encrypted
     *         value whatever the spec says now, as when the plugin is not installed) replaced by the mask
     */
    public static Map<String, Object> mask(ConfigSpec spec, Map<String, ?> stored) {
        Map<String, Object> result = new LinkedHashMap<>(stored);
        stored.forEach((name, value) -> {
            boolean secret = spec.field(name).map(ConfigField::secret).orElse(false);
            if (value != null && (secret || holdsEncrypted(value))) {
                result.put(name, Config.MASK);
            }
        });
        return result;
    }

    private Object encryptValue(Object value) {
        if (value instanceof String text) {
            return SecretBox.isEncrypted(text) ? text : box.encrypt(text);
        }
        if (value instanceof List<?> list) {
            List<Object> encrypted = new ArrayList<>(list.size());
            list.forEach(entry -> encrypted.add(encryptValue(entry)));
            return encrypted;
        }
        // a number or a boolean in a secret field: the spec's validation refuses it before it gets here
        return value;
    }

    private Object decryptValue(Object value) {
        if (SecretBox.isEncrypted(value)) {
            String clear = box.decrypt((String) value);
            return SecretReference.isReference(clear) ? SecretReference.resolve(clear) : clear;
        }
        if (value instanceof List<?> list) {
            List<Object> clear = new ArrayList<>(list.size());
            list.forEach(entry -> clear.add(decryptValue(entry)));
            return clear;
        }
        return value;
    }

    private Object openValue(Object value) {
        if (SecretBox.isEncrypted(value)) {
            return box.decrypt((String) value);
        }
        if (value instanceof List<?> list) {
            List<Object> clear = new ArrayList<>(list.size());
            list.forEach(entry -> clear.add(openValue(entry)));
            return clear;
        }
        return value;
    }

    private static boolean holdsEncrypted(Object value) {
        return SecretBox.isEncrypted(value)
                || value instanceof List<?> list && list.stream().anyMatch(SecretBox::isEncrypted);
    }
}
