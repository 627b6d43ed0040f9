package io.arus.core.store;

import java.time.Instant;
import java.util.Map;

/**
 * A configured source or destination.
 *
 * @param id        a UUID
 * @param kind      source or destination
 * @param name      unique per kind
 * @param type      the connector type key, e.g. {@code postgresql}
 * @param config    the configuration as stored: secret fields are already encrypted by the caller (the store
 *                  never sees a secret in clear text); JSON-friendly values
 * @param createdBy the username that created it
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 */
public record Connection(String id, ConnectionKind kind, String name, String type, Map<String, Object> config,
                         String createdBy, Instant createdAt, Instant updatedAt) {
}
