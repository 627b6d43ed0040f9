package io.arus.core.service.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arus.core.model.InvalidModelException;
import io.arus.core.security.PasswordHasher;
import io.arus.core.security.Sessions;
import io.arus.core.service.Actor;
import io.arus.core.service.ConflictException;
import io.arus.core.service.ForbiddenException;
import io.arus.core.store.ApiTokenStore;
import io.arus.core.store.Role;
import io.arus.core.store.User;
import io.arus.core.store.UserStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UsersTest {
    private static final Actor ADMIN = new Actor("ada", Role.ADMIN, "10.0.0.1");

    private final List<String> events = new ArrayList<>();
    private final Map<String, User> stored = new LinkedHashMap<>();
    private final Users users = new Users(store(), hasher(), sessions(), Fakes.audit(events), tokens());

    UsersTest() {
        stored.put("u-ada", new User("u-ada", "ada", "hash:x", Role.ADMIN, Instant.EPOCH, Instant.EPOCH));
        stored.put("u-bob", new User("u-bob", "bob", "hash:y", Role.EDITOR, Instant.EPOCH, Instant.EPOCH));
    }

    @Test
    void onlyAnAdminManagesUsers() {
        Actor editor = new Actor("bob", Role.EDITOR, null);
        assertThatThrownBy(() -> users.list(editor)).isInstanceOf(ForbiddenException.class)
                .hasMessage("this needs the admin role; bob is editor");
        assertThatThrownBy(() -> users.create(editor, "eve", "long-enough", "admin")).isInstanceOf(ForbiddenException.class);
        assertThat(events).isEmpty();
    }

    @Test
    void aNewUserIsCheckedFieldByFieldAndAuditedWithItsRole() {
        assertThatThrownBy(() -> users.create(ADMIN, "bad name", "long-enough", "viewer"))
                .isInstanceOfSatisfying(InvalidModelException.class, e -> assertThat(e.violations().get(0).field()).isEqualTo("username"));
        assertThatThrownBy(() -> users.create(ADMIN, "carl", "short", "viewer"))
                .isInstanceOfSatisfying(InvalidModelException.class, e -> assertThat(e.violations().get(0).field()).isEqualTo("password"));
        assertThatThrownBy(() -> users.create(ADMIN, "carl", "long-enough", "owner"))
                .isInstanceOfSatisfying(InvalidModelException.class,
                        e -> assertThat(e.violations().get(0)).hasToString("role: must be viewer, editor or admin"));

        User carl = users.create(ADMIN, "carl", "long-enough", "viewer");

        assertThat(carl.passwordHash()).isEqualTo("hash:long-enough");
        assertThat(events).containsExactly("audit user.create user:u-carl carl as viewer by ada");
    }

    @Test
    void aNewPasswordDeletesTheApiTokensUnlessKeptAndEndsTheSessions() {
        users.update(ADMIN, "bob", "new-password", null, false);
        users.update(ADMIN, "u-bob", null, "viewer", false);
        users.update(ADMIN, "u-bob", "newer-password", null, true);

        assertThat(events).containsExactly("tokens of u-bob deleted", "sessions of u-bob ended",
                "audit user.update user:u-bob password reset, 2 API token(s) deleted, sessions ended by ada",
                "sessions of u-bob ended", "audit user.update user:u-bob role editor -> viewer, sessions ended by ada",
                "sessions of u-bob ended", "audit user.update user:u-bob password reset, API tokens kept, sessions ended by ada");
    }

    @Test
    void aUserChangesTheirOwnPasswordOnlyWithTheCurrentOne() {
        stored.put("u-bob", new User("u-bob", "bob", "hash:old-password", Role.VIEWER, Instant.EPOCH, Instant.EPOCH));
        Actor bob = new Actor("bob", Role.VIEWER, "10.0.0.2");
        assertThatThrownBy(() -> users.changeOwnPassword(bob, "u-bob", "wrong-password", "new-password", false))
                .isInstanceOfSatisfying(InvalidModelException.class,
                        e -> assertThat(e.violations().get(0)).hasToString("current_password: is wrong"));
        assertThatThrownBy(() -> users.changeOwnPassword(bob, "u-bob", "old-password", "short", false))
                .isInstanceOfSatisfying(InvalidModelException.class,
                        e -> assertThat(e.violations().get(0).field()).isEqualTo("new_password"));
        assertThat(events).isEmpty();

        users.changeOwnPassword(bob, "u-bob", "old-password", "new-password", false);

        assertThat(stored.get("u-bob").passwordHash()).isEqualTo("hash:new-password");
        assertThat(events).containsExactly("sessions of u-bob ended", "tokens of u-bob deleted",
                "audit user.password_change user:u-bob 2 API token(s) deleted by bob");
    }

    @Test
    void theLastAdminCanBeNeitherDemotedNorDeleted() {
        assertThatThrownBy(() -> users.update(ADMIN, "ada", null, "editor", false)).isInstanceOf(ConflictException.class)
                .hasMessage("the last admin cannot be demoted");
        assertThatThrownBy(() -> users.delete(ADMIN, "u-ada")).isInstanceOf(ConflictException.class)
                .hasMessage("the last admin cannot be deleted");
        users.delete(ADMIN, "bob");
        assertThat(stored).containsOnlyKeys("u-ada");
        assertThat(events).containsExactly("audit user.delete user:u-bob bob by ada");
    }

    private UserStore store() {
        return Fakes.of(UserStore.class, Map.of(
                "byId", a -> Optional.ofNullable(stored.get((String) a[0])),
                "byUsername", a -> stored.values().stream().filter(u -> u.username().equals(a[0])).findFirst(),
                "count", a -> stored.values().stream().filter(u -> u.role() == a[0]).count(),
                "create", a -> {
                    User user = new User("u-" + a[0], (String) a[0], (String) a[1], (Role) a[2], Instant.EPOCH, Instant.EPOCH);
                    stored.put(user.id(), user);
                    return user;
                },
                "update", a -> {
                    User old = stored.get((String) a[0]);
                    User user = new User(old.id(), old.username(), a[1] == null ? old.passwordHash() : (String) a[1],
                            a[2] == null ? old.role() : (Role) a[2], old.createdAt(), Instant.now());
                    stored.put(user.id(), user);
                    return Optional.of(user);
                },
                "delete", a -> stored.remove((String) a[0]) != null));
    }

    private static PasswordHasher hasher() {
        return Fakes.of(PasswordHasher.class, Map.of("hash", a -> "hash:" + a[0],
                "verify", a -> ("hash:" + a[0]).equals(a[1])));
    }

    private Sessions sessions() {
        return Fakes.of(Sessions.class, Map.of("endAll", a -> {
            events.add("sessions of " + a[0] + " ended");
            return null;
        }));
    }

    private ApiTokenStore tokens() {
        return Fakes.of(ApiTokenStore.class, Map.of("deleteByUser", a -> {
            events.add("tokens of " + a[0] + " deleted");
            return 2;
        }));
    }
}
