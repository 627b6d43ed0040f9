package io.arus.core.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arus.core.store.ApiToken;
import io.arus.core.store.ApiTokenStore;
import io.arus.core.store.ConflictException;
import io.arus.core.store.Role;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link ApiTokenStore} does, on the database of the subclass. */
abstract class ApiTokenStoreContract extends DatabaseTest {
    ApiTokenStore tokens;
    String alice;
    String bob;

    @BeforeEach
    void createStoreAndUsers() throws ConflictException {
        JpaUserStore users = new JpaUserStore(persistence, clock);
        alice = users.create("alice", "h", Role.EDITOR).id();
        bob = users.create("bob", "h", Role.VIEWER).id();
        tokens = new JpaApiTokenStore(persistence, clock);
    }

    @Test
    void createdTokenIsFoundByHashAndById() {
        Instant expires = Instant.parse("2030-01-01T00:00:00.000001999Z");
        ApiToken token = tokens.create(alice, "ci", "arus_1a2b", "hash-1", expires);

        assertThat(token.userId()).isEqualTo(alice);
        assertThat(token.name()).isEqualTo("ci");
        assertThat(token.prefix()).isEqualTo("arus_1a2b");
        assertThat(token.createdAt()).isEqualTo(clock.instant());
        assertThat(token.lastUsedAt()).isNull();
        assertThat(token.expiresAt()).isEqualTo("2030-01-01T00:00:00.000001Z");
        assertThat(tokens.byHash("hash-1")).contains(token);
        assertThat(tokens.byId(token.id())).contains(token);
        assertThat(tokens.byHash("hash-2")).isEmpty();
        assertThat(tokens.byId("no-such-id")).isEmpty();
    }

    @Test
    void listsTokensNewestFirstPerUserAndAll() {
        ApiToken first = tokens.create(alice, "first", "p1", "hash-1", null);
        clock.advance(Duration.ofSeconds(1));
        ApiToken second = tokens.create(bob, "second", "p2", "hash-2", null);
        clock.advance(Duration.ofSeconds(1));
        ApiToken third = tokens.create(alice, "third", "p3", "hash-3", null);

        assertThat(tokens.list(alice)).containsExactly(third, first);
        assertThat(tokens.list(bob)).containsExactly(second);
        assertThat(tokens.listAll()).containsExactly(third, second, first);
    }

    @Test
    void touchRecordsTheLastUse() {
        ApiToken token = tokens.create(alice, "ci", "p", "hash-1", null);
        Instant used = Instant.parse("2025-06-01T12:00:00.654321Z");

        tokens.touch(token.id(), used);

        assertThat(tokens.byId(token.id()).orElseThrow().lastUsedAt()).isEqualTo(used);
    }

    @Test
    void deleteRemovesOnlyThatToken() {
        ApiToken gone = tokens.create(alice, "a", "p", "hash-1", null);
        ApiToken kept = tokens.create(alice, "b", "p", "hash-2", null);

        assertThat(tokens.delete(gone.id())).isTrue();
        assertThat(tokens.delete(gone.id())).isFalse();
        assertThat(tokens.listAll()).containsExactly(kept);
    }

    @Test
    void deleteByUserRemovesOnlyThatUsersTokens() {
        tokens.create(alice, "a", "p", "hash-1", null);
        tokens.create(alice, "b", "p", "hash-2", null);
        ApiToken kept = tokens.create(bob, "c", "p", "hash-3", null);

        assertThat(tokens.deleteByUser(alice)).isEqualTo(2);

        assertThat(tokens.listAll()).containsExactly(kept);
        assertThat(tokens.deleteByUser(alice)).isZero();
    }

    @Test
    void refusesATokenForAnUnknownUser() {
        assertThatThrownBy(() -> tokens.create("no-such-user", "ci", "p", "hash-1", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no-such-user");
        assertThat(tokens.listAll()).isEmpty();
    }
}
