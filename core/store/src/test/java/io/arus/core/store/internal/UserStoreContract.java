package io.arus.core.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arus.core.store.ApiTokenStore;
import io.arus.core.store.ConflictException;
import io.arus.core.store.RefreshTokenStore;
import io.arus.core.store.Role;
import io.arus.core.store.User;
import io.arus.core.store.UserStore;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link UserStore} does, on the database of the subclass. */
abstract class UserStoreContract extends DatabaseTest {
    UserStore users;

    @BeforeEach
    void createStore() {
        users = new JpaUserStore(persistence, clock);
    }

    @Test
    void createdUserIsFoundByIdAndByUsernameInAnyCase() throws ConflictException {
        User created = users.create("Alice", "$argon2id$hash", Role.EDITOR);

        assertThat(created.id()).hasSize(36);
        assertThat(created.username()).isEqualTo("Alice");
        assertThat(created.role()).isEqualTo(Role.EDITOR);
        assertThat(created.createdAt()).isEqualTo(clock.instant()).isEqualTo(created.updatedAt());
        assertThat(users.byId(created.id())).contains(created);
        assertThat(users.byUsername("aLICE")).contains(created);
        assertThat(users.byUsername("bob")).isEmpty();
        assertThat(users.byId("no-such-id")).isEmpty();
    }

    @Test
    void refusesAUsernameTakenInAnotherCase() throws ConflictException {
        users.create("alice", "h1", Role.VIEWER);

        assertThatThrownBy(() -> users.create("ALICE", "h2", Role.ADMIN))
                .isInstanceOf(ConflictException.class).hasMessage("username 'ALICE' is taken");
        assertThat(users.list()).hasSize(1);
    }

    @Test
    void linkedUserIsFoundByItsIdentityAndHasNoPassword() throws ConflictException {
        User linked = users.createLinked("dana", Role.EDITOR, "https://idp.example/realm", "sub-1");

        assertThat(linked.passwordHash()).isEqualTo(UserStore.NO_PASSWORD);
        assertThat(users.byIdentity("https://idp.example/realm", "sub-1")).contains(linked);
        assertThat(users.byIdentity("https://idp.example/realm", "sub-2")).isEmpty();
        assertThat(users.byIdentity("https://other.example", "sub-1")).isEmpty();
    }

    @Test
    void refusesASecondUserForTheSameIdentity() throws ConflictException {
        users.createLinked("dana", Role.VIEWER, "https://idp.example", "sub-1");

        assertThatThrownBy(() -> users.createLinked("dana2", Role.VIEWER, "https://idp.example", "sub-1"))
                .isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> users.createLinked("DANA", Role.VIEWER, "https://idp.example", "sub-9"))
                .isInstanceOf(ConflictException.class);
        assertThat(users.list()).hasSize(1);
    }

    @Test
    void listsUsersByUsername() throws ConflictException {
        users.create("carol", "h", Role.VIEWER);
        users.create("Alice", "h", Role.VIEWER);
        users.create("bob", "h", Role.VIEWER);

        assertThat(users.list()).extracting(User::username).containsExactly("Alice", "bob", "carol");
    }

    @Test
    void updateChangesOnlyTheGivenFieldsAndStampsTheChange() throws ConflictException {
        User alice = users.create("alice", "old-hash", Role.VIEWER);
        clock.advance(Duration.ofMinutes(1));

        User promoted = users.update(alice.id(), null, Role.ADMIN).orElseThrow();
        assertThat(promoted.passwordHash()).isEqualTo("old-hash");
        assertThat(promoted.role()).isEqualTo(Role.ADMIN);
        assertThat(promoted.createdAt()).isEqualTo(alice.createdAt());
        assertThat(promoted.updatedAt()).isEqualTo(clock.instant());

        User rehashed = users.update(alice.id(), "new-hash", null).orElseThrow();
        assertThat(rehashed.passwordHash()).isEqualTo("new-hash");
        assertThat(rehashed.role()).isEqualTo(Role.ADMIN);
        assertThat(users.byId(alice.id())).contains(rehashed);
    }

    @Test
    void updateOfAnUnknownUserIsEmpty() {
        assertThat(users.update("no-such-id", "h", Role.ADMIN)).isEmpty();
    }

    @Test
    void deleteRemovesTheUserAndItsTokens() throws ConflictException {
        User alice = users.create("alice", "h", Role.EDITOR);
        User bob = users.create("bob", "h", Role.EDITOR);
        ApiTokenStore apiTokens = new JpaApiTokenStore(persistence, clock);
        RefreshTokenStore refreshTokens = new JpaRefreshTokenStore(persistence, clock);
        apiTokens.create(alice.id(), "ci", "arus_ab", "api-hash-alice", null);
        apiTokens.create(bob.id(), "ci", "arus_cd", "api-hash-bob", null);
        refreshTokens.create(alice.id(), "family-1", "refresh-hash-alice", START.plusSeconds(3600));

        assertThat(users.delete(alice.id())).isTrue();

        assertThat(users.byId(alice.id())).isEmpty();
        assertThat(apiTokens.byHash("api-hash-alice")).isEmpty();
        assertThat(refreshTokens.byHash("refresh-hash-alice")).isEmpty();
        assertThat(apiTokens.listAll()).extracting(t -> t.userId()).containsExactly(bob.id());
        assertThat(users.delete(alice.id())).isFalse();
    }

    @Test
    void raisingTheTokenVersionCountsEveryCallAndKeepsTheRest() throws ConflictException {
        User alice = users.create("alice", "h", Role.EDITOR);
        assertThat(alice.tokenVersion()).isZero();

        assertThat(users.raiseTokenVersion(alice.id())).isTrue();
        assertThat(users.raiseTokenVersion(alice.id())).isTrue();

        User raised = users.byId(alice.id()).orElseThrow();
        assertThat(raised.tokenVersion()).isEqualTo(2);
        assertThat(raised.passwordHash()).isEqualTo("h");
        assertThat(users.update(alice.id(), "h2", null).orElseThrow().tokenVersion()).as("an update keeps it").isEqualTo(2);
        assertThat(users.raiseTokenVersion("no-such-id")).isFalse();
    }

    @Test
    void countsUsersPerRole() throws ConflictException {
        users.create("a1", "h", Role.ADMIN);
        users.create("a2", "h", Role.ADMIN);
        users.create("e1", "h", Role.EDITOR);

        assertThat(users.count(Role.ADMIN)).isEqualTo(2);
        assertThat(users.count(Role.EDITOR)).isEqualTo(1);
        assertThat(users.count(Role.VIEWER)).isZero();
    }
}
