package io.arus.core.store;

import java.time.Instant;
import java.util.Map;

/**
 * A configured notification target: one Slack channel, mailbox, webhook... of a notifier type.
 *
 * @param id        a UUID
 * @param name      unique
 * @param type      the notifier type key, e.g. {@code slack}
 * @param config    the configuration as stored: secret fields are already encrypted by the caller (the store never
 *                  sees a secret in clear text); JSON-friendly values
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 */
public record NotificationTarget(String id, String name, String type, Map<String, Object> config, Instant createdAt,
                                 Instant updatedAt) {
}
