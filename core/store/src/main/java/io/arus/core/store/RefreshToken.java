package io.arus.core.store;

import java.time.Instant;

/**
 * A refresh token: exchanged once for a new access token and a new refresh token of the same family. Presenting
 * a used (revoked) token again means it was stolen: the whole family is revoked.
 *
 * @param id        a UUID
 * @param userId    whose session it is
 * @param familyId  the login session all rotations of this token belong to
 * @param tokenHash SHA-256 of the token, hex
 * @param createdAt when it was issued
 * @param expiresAt when it stops working
 * @param revokedAt when it was used or revoked, or null while valid
 */
public record RefreshToken(String id, String userId, String familyId, String tokenHash, Instant createdAt,
                           Instant expiresAt, Instant revokedAt) {
}
