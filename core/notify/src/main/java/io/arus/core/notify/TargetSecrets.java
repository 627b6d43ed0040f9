package io.arus.core.notify;

import io.arus.api.config.Config;
import io.arus.api.config.ConfigField;
import io.arus.api.config.ConfigSpec;
import io.arus.core.security.ConnectionSecrets;
import io.arus.core.security.SecretBox;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The life of a notification target's secret fields (those its notifier's spec marks secret: webhook URLs, bot
 * tokens, passwords, signing secrets, header lists): encrypted before they are stored, decrypted only to send,
 * masked as {@value Config#MASK} in every answer, kept when a client sends the mask back, and cut out of every
 * message. The first four are {@link ConnectionSecrets}'; cutting secrets out of messages is the notifiers' own.
 */
public final class TargetSecrets {
    /** Shorter values are not looked for in messages: they would mask ordinary words. */
    private static final int SHORTEST_SCRUBBED = 3;
    /** A part of a secret this long is a credential on its own (the token of "Authorization: Bearer ..."). */
    private static final int SHORTEST_PART = 8;
    private static final Pattern PARTS = Pattern.compile("[\\s:=]+");

    private final ConnectionSecrets secrets;

    /** @param box the server's secret box */
    public TargetSecrets(SecretBox box) {
        this.secrets = new ConnectionSecrets(Objects.requireNonNull(box, "box"));
    }

    /**
     * Replaces every secret field sent back as the mask by its stored value, decrypted, so that the result can be
     * validated and stored like a new configuration.
     *
     * @param incoming what the client sent
     * @param stored   what is stored now (encrypted), or an empty map for a new target
     * @return the configuration with masks resolved; a mask with nothing stored behind it is dropped
     */
    public Map<String, Object> unmask(ConfigSpec spec, Map<String, ?> incoming, Map<String, ?> stored) {
        return secrets.unmask(spec, incoming, stored);
    }

    /** @return the configuration with every secret field encrypted (each entry of a list), ready to store */
    public Map<String, Object> encrypt(ConfigSpec spec, Map<String, ?> values) {
        return secrets.encrypt(spec, values);
    }

    /** @return the stored configuration with every encrypted value (and list entry) decrypted: only to send */
    public Map<String, Object> decrypt(Map<String, ?> stored) {
        return secrets.decrypt(stored);
    }

    /**
     * @return the stored configuration as every answer shows it: each secret (by the spec, and any encrypted
     *         value whatever the spec says now, as when the notifier is not installed) replaced by the mask
     */
    public static Map<String, Object> mask(ConfigSpec spec, Map<String, ?> stored) {
        return ConnectionSecrets.mask(spec, stored);
    }

    /**
     * A notifier promises secret-free messages; this makes sure of it, should a library echo a URL or a token.
     *
     * @param message a message about a target, or null
     * @param clear   the target's configuration, decrypted
     * @return the message with every secret value of the spec (and every entry of a secret list) masked, and
     *         every long enough part of one (split at spaces, colons and equal signs), as a header's token
     */
    public static String scrub(String message, ConfigSpec spec, Map<String, ?> clear) {
        String text = message == null ? "" : message;
        for (ConfigField field : spec.fields()) {
            if (!field.secret()) {
                continue;
            }
            Object value = clear.get(field.name());
            List<?> values = value instanceof List<?> list ? list : value == null ? List.of() : List.of(value);
            for (Object secret : values) {
                if (secret instanceof String s && s.length() >= SHORTEST_SCRUBBED) {
                    text = text.replace(s, Config.MASK);
                    for (String part : PARTS.split(s)) {
                        if (part.length() >= SHORTEST_PART) {
                            text = text.replace(part, Config.MASK);
                        }
                    }
                }
            }
        }
        return text;
    }
}
