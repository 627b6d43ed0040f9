package io.arus.core.store;

import java.time.Instant;

/**
 * A long-lived token for automation. Only a hash of the token is stored.
 *
 * @param id         a UUID
 * @param userId     whose token it is (it acts with that user's role)
 * @param name       what the user called it
 * @param prefix     the first characters of the token, to recognise it in a list
 * @param tokenHash  SHA-256 of the token, hex
 * @param createdAt  when it was created
 * @param lastUsedAt when it last authenticated a request, or null
 * @param expiresAt  when it stops working, or null for never
 */
public record ApiToken(String id, String userId, String name, String prefix, String tokenHash, Instant createdAt,
                       Instant lastUsedAt, Instant expiresAt) {
}
