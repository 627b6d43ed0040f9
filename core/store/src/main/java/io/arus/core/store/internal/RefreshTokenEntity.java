package io.arus.core.store.internal;

import io.arus.core.store.RefreshToken;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code refresh_tokens}. */
@Entity
@Table(name = "refresh_tokens")
public class RefreshTokenEntity {
    @Id
    String id;
    @Column(name = "user_id")
    String userId;
    @Column(name = "family_id")
    String familyId;
    @Column(name = "token_hash")
    String tokenHash;
    @Column(name = "created_at")
    Instant createdAt;
    @Column(name = "expires_at")
    Instant expiresAt;
    @Column(name = "revoked_at")
    Instant revokedAt;

    RefreshToken toRecord() {
        return new RefreshToken(id, userId, familyId, tokenHash, createdAt, expiresAt, revokedAt);
    }
}
