package io.arus.core.security;

import io.arus.api.config.Config;
import io.arus.api.config.ConfigField;
import io.arus.api.config.ConfigSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The life of a connection's secret fields (those its connector spec marks secret): encrypted before they are
 * stored, decrypted only to open a connector, masked as {@value Config#MASK} in every answer, and kept when a
 * client sends the mask back unchanged.
 */
public final class ConnectionSecrets {
    private final SecretBox box;

    /** @param box the server's secret box */
    public ConnectionSecrets(SecretBox box) {
        this.box = Objects.requireNonNull(box, "box");
    }

    /**
     * Replaces every secret sent back as the mask by the stored value, decrypted, so that the result can be
     * validated and stored like a new configuration.
     *
     * @param incoming what the client sent
     * @param stored   what is stored now (encrypted), or an empty map for a new connection
     * @return the configuration with masks resolved; a mask with nothing stored behind it is dropped
     */
    public Map<String, Object> unmask(ConfigSpec spec, Map<String, ?> incoming, Map<String, ?> stored) {
        Map<String, Object> result = new LinkedHashMap<>(incoming);
        for (ConfigField field : spec.fields()) {
            if (field.secret() && Config.MASK.equals(incoming.get(field.name()))) {
                Object previous = stored.get(field.name());
                if (previous == null) {
                    result.remove(field.name());
                } else {
                    result.put(field.name(), SecretBox.isEncrypted(previous) ? box.decrypt((String) previous) : previous);
                }
            }
        }
        return result;
    }

    /** @return the configuration with every secret field encrypted, ready to store */
    public Map<String, Object> encrypt(ConfigSpec spec, Map<String, ?> values) {
        Map<String, Object> result = new LinkedHashMap<>(values);
        for (ConfigField field : spec.fields()) {
            Object value = values.get(field.name());
            if (field.secret() && value instanceof String text && !SecretBox.isEncrypted(text)) {
                result.put(field.name(), box.encrypt(text));
            }
        }
        return result;
    }

    /** @return the stored configuration with every encrypted value decrypted: only to open a connector */
    public Map<String, Object> decrypt(Map<String, ?> stored) {
        Map<String, Object> result = new LinkedHashMap<>(stored);
        for (Map.Entry<String, ?> entry : stored.entrySet()) {
            if (SecretBox.isEncrypted(entry.getValue())) {
                result.put(entry.getKey(), box.decrypt((String) entry.getValue()));
            }
        }
        return result;
    }

    /**
     * @return the stored configuration as every answer shows it: each secret (by the spec, and any encrypted
     *         value whatever the spec says now) replaced by the mask
     */
    public static Map<String, Object> mask(ConfigSpec spec, Map<String, ?> stored) {
        Map<String, Object> result = new LinkedHashMap<>(stored);
        for (Map.Entry<String, ?> entry : stored.entrySet()) {
            boolean secret = spec.field(entry.getKey()).map(ConfigField::secret).orElse(false);
            if (entry.getValue() != null && (secret || SecretBox.isEncrypted(entry.getValue()))) {
                result.put(entry.getKey(), Config.MASK);
            }
        }
        return result;
    }
}
