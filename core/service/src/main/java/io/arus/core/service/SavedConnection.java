package io.arus.core.service;

import io.arus.core.model.ConnectionSpec;
import io.arus.core.store.ConnectionKind;
import java.time.Instant;

/**
 * A stored source or destination, as answers show it: literal secrets masked ({@code "******"}), secret
 * references ({@code ${env:NAME}}, {@code ${file:/path}}) shown as written, the connector type's defaults applied.
 *
 * @param id        a UUID
 * @param kind      source or destination
 * @param spec      name, type and masked configuration
 * @param available false when its connector type is not installed
 * @param createdBy the user who created it
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 */
public record SavedConnection(String id, ConnectionKind kind, ConnectionSpec spec, boolean available,
                              String createdBy, Instant createdAt, Instant updatedAt) {
}
