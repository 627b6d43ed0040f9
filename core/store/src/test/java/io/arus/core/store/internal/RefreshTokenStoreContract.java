package io.arus.core.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.arus.core.store.ConflictException;
import io.arus.core.store.RefreshToken;
import io.arus.core.store.RefreshTokenStore;
import io.arus.core.store.Role;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link RefreshTokenStore} does, on the database of the subclass. */
abstract class RefreshTokenStoreContract extends DatabaseTest {
    static final Instant EXPIRES = Instant.parse("2030-01-01T00:00:00Z");
    static final Instant USED = Instant.parse("2025-04-01T10:00:00.000002Z");
    static final Instant LATER = Instant.parse("2025-04-01T11:00:00Z");

    RefreshTokenStore tokens;
    String alice;
    String bob;

    @BeforeEach
    void createStoreAndUsers() throws ConflictException {
        JpaUserStore users = new JpaUserStore(persistence, clock);
        alice = users.create("alice", "h", Role.EDITOR).id();
        bob = users.create("bob", "h", Role.VIEWER).id();
        tokens = new JpaRefreshTokenStore(persistence, clock);
    }

    @Test
    void createdTokenIsFoundByHashUntilAndAfterRevocation() {
        RefreshToken token = tokens.create(alice, "family-1", "hash-1", EXPIRES);

        assertThat(token.createdAt()).isEqualTo(clock.instant());
        assertThat(token.revokedAt()).isNull();
        assertThat(tokens.byHash("hash-1")).contains(token);
        assertThat(tokens.byHash("hash-2")).isEmpty();

        tokens.revoke(token.id(), USED);
        assertThat(tokens.byHash("hash-1").orElseThrow().revokedAt()).isEqualTo(USED);
    }

    @Test
    void onlyTheFirstRevocationWinsAndKeepsItsTime() {
        RefreshToken token = tokens.create(alice, "family-1", "hash-1", EXPIRES);

        assertThat(tokens.revoke(token.id(), USED)).isTrue();
        assertThat(tokens.revoke(token.id(), LATER)).isFalse();
        assertThat(tokens.byHash("hash-1").orElseThrow().revokedAt()).isEqualTo(USED);
        assertThat(tokens.revoke("no-such-id", USED)).isFalse();
    }

    @Test
    void exactlyOneOfManyConcurrentRevocationsWins() throws Exception {
        RefreshToken token = tokens.create(alice, "family-1", "hash-1", EXPIRES);
        int threads = 6;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Callable<Boolean> revoke = () -> {
                    start.await();
                    return tokens.revoke(token.id(), USED);
                };
                results.add(executor.submit(revoke));
            }
            start.countDown();
            int winners = 0;
            for (Future<Boolean> result : results) {
                winners += result.get() ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void revokingAFamilyRevokesItsValidTokensOnly() {
        RefreshToken used = tokens.create(alice, "family-1", "hash-1", EXPIRES);
        RefreshToken current = tokens.create(alice, "family-1", "hash-2", EXPIRES);
        RefreshToken otherSession = tokens.create(alice, "family-2", "hash-3", EXPIRES);
        tokens.revoke(used.id(), USED);

        tokens.revokeFamily("family-1", LATER);

        assertThat(tokens.byHash("hash-1").orElseThrow().revokedAt()).isEqualTo(USED);
        assertThat(tokens.byHash("hash-2").orElseThrow().revokedAt()).isEqualTo(LATER);
        assertThat(tokens.byHash("hash-3").orElseThrow().revokedAt()).isNull();
        assertThat(current.revokedAt()).isNull();
        assertThat(otherSession.revokedAt()).isNull();
    }

    @Test
    void revokingAUserRevokesEveryOneOfItsSessions() {
        tokens.create(alice, "family-1", "hash-1", EXPIRES);
        tokens.create(alice, "family-2", "hash-2", EXPIRES);
        tokens.create(bob, "family-3", "hash-3", EXPIRES);

        tokens.revokeUser(alice, LATER);

        assertThat(tokens.byHash("hash-1").orElseThrow().revokedAt()).isEqualTo(LATER);
        assertThat(tokens.byHash("hash-2").orElseThrow().revokedAt()).isEqualTo(LATER);
        assertThat(tokens.byHash("hash-3").orElseThrow().revokedAt()).isNull();
    }
}
