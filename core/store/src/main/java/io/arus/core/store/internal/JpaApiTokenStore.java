package io.arus.core.store.internal;

import io.arus.core.store.ApiToken;
import io.arus.core.store.ApiTokenStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** API tokens in {@code api_tokens}. */
@Component(service = ApiTokenStore.class)
public final class JpaApiTokenStore implements ApiTokenStore {
    private static final String NEWEST_FIRST = " ORDER BY t.createdAt DESC, t.id";

    private final Transactions transactions;
    private final Clock clock;

    @Activate
    public JpaApiTokenStore(@Reference Transactions transactions) {
        this(transactions, Clock.systemUTC());
    }

    JpaApiTokenStore(Transactions transactions, Clock clock) {
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public List<ApiToken> list(String userId) {
        return transactions.inTransaction(em -> em
                .createQuery("SELECT t FROM ApiTokenEntity t WHERE t.userId = :user" + NEWEST_FIRST,
                        ApiTokenEntity.class)
                .setParameter("user", userId).getResultList().stream().map(ApiTokenEntity::toRecord).toList());
    }

    @Override
    public List<ApiToken> listAll() {
        return transactions.inTransaction(em -> em
                .createQuery("SELECT t FROM ApiTokenEntity t" + NEWEST_FIRST, ApiTokenEntity.class)
                .getResultList().stream().map(ApiTokenEntity::toRecord).toList());
    }

    @Override
    public ApiToken create(String userId, String name, String prefix, String tokenHash, Instant expiresAt) {
        return transactions.inTransaction(em -> {
            if (em.find(UserEntity.class, userId) == null) {
                throw new IllegalArgumentException("no user with id " + userId);
            }
            ApiTokenEntity token = new ApiTokenEntity();
            token.id = UUID.randomUUID().toString();
            token.userId = userId;
            token.name = name;
            token.prefix = prefix;
            token.tokenHash = tokenHash;
            token.createdAt = StoredTime.now(clock);
            token.expiresAt = StoredTime.of(expiresAt);
            em.persist(token);
            return token.toRecord();
        });
    }

    @Override
    public Optional<ApiToken> byHash(String tokenHash) {
        return transactions.inTransaction(em -> em
                .createQuery("SELECT t FROM ApiTokenEntity t WHERE t.tokenHash = :hash", ApiTokenEntity.class)
                .setParameter("hash", tokenHash).getResultStream().findFirst().map(ApiTokenEntity::toRecord));
    }

    @Override
    public Optional<ApiToken> byId(String id) {
        return transactions.inTransaction(em -> Optional.ofNullable(em.find(ApiTokenEntity.class, id))
                .map(ApiTokenEntity::toRecord));
    }

    @Override
    public void touch(String id, Instant at) {
        // a bulk update: no read first, and concurrent requests with the same token do not conflict
        transactions.inTransaction(em -> em
                .createQuery("UPDATE ApiTokenEntity t SET t.lastUsedAt = :at WHERE t.id = :id")
                .setParameter("at", StoredTime.of(at)).setParameter("id", id).executeUpdate());
    }

    @Override
    public boolean delete(String id) {
        return transactions.inTransaction(em -> em.createQuery("DELETE FROM ApiTokenEntity t WHERE t.id = :id")
                .setParameter("id", id).executeUpdate() == 1);
    }

    @Override
    public int deleteByUser(String userId) {
        return transactions.inTransaction(em -> em.createQuery("DELETE FROM ApiTokenEntity t WHERE t.userId = :user")
                .setParameter("user", userId).executeUpdate());
    }
}
