package io.arus.core.store;

import java.time.Instant;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** Refresh tokens. */
@ProviderType
public interface RefreshTokenStore {
    /** @return the new token record */
    RefreshToken create(String userId, String familyId, String tokenHash, Instant expiresAt);

    /** @param tokenHash SHA-256 hex of a presented token @return the token, revoked or not */
    Optional<RefreshToken> byHash(String tokenHash);

    /**
     * Marks a token used, atomically: only one of two concurrent refreshes with the same token wins.
     *
     * @return true when this call revoked it, false when it was already revoked
     */
    boolean revoke(String id, Instant at);

    /** Revokes every token of a login session (logout, or reuse of a rotated token). */
    void revokeFamily(String familyId, Instant at);

    /** Revokes every token of a user (password change, deletion). */
    void revokeUser(String userId, Instant at);
}
