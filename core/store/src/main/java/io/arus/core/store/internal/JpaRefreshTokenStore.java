package io.arus.core.store.internal;

import io.arus.core.store.RefreshToken;
import io.arus.core.store.RefreshTokenStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Refresh tokens in {@code refresh_tokens}. Revocations are single conditional UPDATEs, so the database decides
 * which of two concurrent refreshes wins, and a token keeps the time it was first revoked.
 */
@Component(service = RefreshTokenStore.class)
public final class JpaRefreshTokenStore implements RefreshTokenStore {
    private final Transactions transactions;
    private final Clock clock;

    @Activate
    public JpaRefreshTokenStore(@Reference Transactions transactions) {
        this(transactions, Clock.systemUTC());
    }

    JpaRefreshTokenStore(Transactions transactions, Clock clock) {
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public RefreshToken create(String userId, String familyId, String tokenHash, Instant expiresAt) {
        return transactions.inTransaction(em -> {
            if (em.find(UserEntity.class, userId) == null) {
                throw new IllegalArgumentException("no user with id " + userId);
            }
            RefreshTokenEntity token = new RefreshTokenEntity();
            token.id = UUID.randomUUID().toString();
            token.userId = userId;
            token.familyId = familyId;
            token.tokenHash = tokenHash;
            token.createdAt = StoredTime.now(clock);
            token.expiresAt = StoredTime.of(expiresAt);
            em.persist(token);
            return token.toRecord();
        });
    }

    @Override
    public Optional<RefreshToken> byHash(String tokenHash) {
        return transactions.inTransaction(em -> em
                .createQuery("SELECT t FROM RefreshTokenEntity t WHERE t.tokenHash = :hash", RefreshTokenEntity.class)
                .setParameter("hash", tokenHash).getResultStream().findFirst().map(RefreshTokenEntity::toRecord));
    }

    @Override
    public boolean revoke(String id, Instant at) {
        return revokeWhere("t.id = :value", id, at) == 1;
    }

    @Override
    public void revokeFamily(String familyId, Instant at) {
        revokeWhere("t.familyId = :value", familyId, at);
    }

    @Override
    public void revokeUser(String userId, Instant at) {
        revokeWhere("t.userId = :value", userId, at);
    }

    private int revokeWhere(String condition, String value, Instant at) {
        return transactions.inTransaction(em -> em
                .createQuery("UPDATE RefreshTokenEntity t SET t.revokedAt = :at WHERE " + condition
                        + " AND t.revokedAt IS NULL")
                .setParameter("at", StoredTime.of(at)).setParameter("value", value).executeUpdate());
    }
}
