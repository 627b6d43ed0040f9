package io.arus.core.store.internal;

import io.arus.core.store.ApiToken;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code api_tokens}. */
@Entity
@Table(name = "api_tokens")
public class ApiTokenEntity {
    @Id
    String id;
    @Column(name = "user_id")
    String userId;
    String name;
    String prefix;
    @Column(name = "token_hash")
    String tokenHash;
    @Column(name = "created_at")
    Instant createdAt;
    @Column(name = "last_used_at")
    Instant lastUsedAt;
    @Column(name = "expires_at")
    Instant expiresAt;

    ApiToken toRecord() {
        return new ApiToken(id, userId, name, prefix, tokenHash, createdAt, lastUsedAt, expiresAt);
    }
}
