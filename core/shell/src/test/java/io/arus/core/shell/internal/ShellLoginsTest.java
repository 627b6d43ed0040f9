package io.arus.core.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arus.core.security.AuthenticationException;
import io.arus.core.security.Session;
import io.arus.core.security.Sessions;
import io.arus.core.service.Actor;
import io.arus.core.store.AuditEntry;
import io.arus.core.store.AuditLog;
import io.arus.core.store.Role;
import io.arus.core.store.User;
import io.arus.core.store.UserStore;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.felix.service.command.CommandSession;
import org.junit.jupiter.api.Test;

class ShellLoginsTest {
    private final List<String> events = new ArrayList<>();
    private final Map<String, User> users = new HashMap<>();
    private final ShellLogins logins = new ShellLogins(sessions(), userStore(), audit());

    ShellLoginsTest() {
        users.put("u-vic", user(Role.VIEWER, 3));
    }

    @Test
    void aSessionThatDidNotLogInActsAsTheAdminShell() {
        assertThat(logins.actor(session())).isEqualTo(new Actor("shell", Role.ADMIN, "shell"));
    }

    @Test
    void aLoggedInSessionActsWithTheUsersRoleAsItIsAtEachCommandAndOthersStayTheShell() throws Exception {
        CommandSession terminal = session();
        logins.login(terminal, "vic", "right-password");

        assertThat(logins.actor(terminal)).isEqualTo(new Actor("vic", Role.VIEWER, "shell"));
        assertThat(logins.actor(session()).username()).as("another session").isEqualTo("shell");
        assertThat(events).containsExactly("login vic from shell");
    }

    @Test
    void aWrongPasswordLeavesTheSessionAsItWas() {
        CommandSession terminal = session();
        assertThatThrownBy(() -> logins.login(terminal, "vic", "wrong")).isInstanceOf(AuthenticationException.class);
        assertThat(logins.actor(terminal).username()).isEqualTo("shell");
    }

    @Test
    void endedSessionsOrADeletedUserEndTheLogin() throws Exception {
        CommandSession terminal = session();
        logins.login(terminal, "vic", "right-password");
        users.put("u-vic", user(Role.EDITOR, 4)); // a role change raised the token version

        assertThatThrownBy(() -> logins.actor(terminal)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("were ended");
        assertThat(logins.actor(terminal).username()).isEqualTo("shell");

        logins.login(terminal, "vic", "right-password");
        users.remove("u-vic");
        assertThatThrownBy(() -> logins.actor(terminal)).hasMessage("the user vic no longer exists; logged out");
    }

    @Test
    void aLogoutIsAuditedAndASecondLoginEndsTheFirstBeforeItBegins() throws Exception {
        CommandSession terminal = session();
        logins.login(terminal, "vic", "right-password");
        logins.login(terminal, "vic", "right-password");
        assertThat(logins.actor(terminal).username()).as("the new login survives the old one's logout").isEqualTo("vic");
        assertThat(logins.logout(terminal)).contains("vic");
        assertThat(logins.logout(terminal)).isEmpty();

        assertThat(events).containsExactly("login vic from shell", "audit auth.logout user:u-vic shell session by vic",
                "logout u-vic refresh-1", "login vic from shell", "audit auth.logout user:u-vic shell session by vic",
                "logout u-vic refresh-2");
    }

    private static User user(Role role, long tokenVersion) {
        return new User("u-vic", "vic", "hash", role, Instant.EPOCH, Instant.EPOCH, tokenVersion);
    }

    private static CommandSession session() {
        return (CommandSession) Proxy.newProxyInstance(CommandSession.class.getClassLoader(),
                new Class<?>[] {CommandSession.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private Sessions sessions() {
        int[] logins = {0};
        return new Sessions() {
            @Override
            public Session login(String username, String password, String clientAddress) throws AuthenticationException {
                if (!"right-password".equals(password)) {
                    throw new AuthenticationException("wrong username or password");
                }
                events.add("login " + username + " from " + clientAddress);
                return new Session("access", "refresh-" + ++logins[0], 900, users.get("u-vic"));
            }

            @Override
            public Session refresh(String refreshToken) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void logout(String userId, String refreshToken) {
                events.add("logout " + userId + " " + refreshToken);
                // as the real one: a logout raises the token version
                User old = users.get(userId);
                users.put(userId, new User(old.id(), old.username(), old.passwordHash(), old.role(), old.createdAt(),
                        old.updatedAt(), old.tokenVersion() + 1));
            }

            @Override
            public void endAll(String userId) {
                throw new UnsupportedOperationException();
            }
        };
    }

    private UserStore userStore() {
        return (UserStore) Proxy.newProxyInstance(UserStore.class.getClassLoader(), new Class<?>[] {UserStore.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("byId")) {
                        return Optional.ofNullable(users.get((String) args[0]));
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private AuditLog audit() {
        return new AuditLog() {
            @Override
            public AuditEntry record(String actor, String action, String target, String detail, String clientAddress) {
                events.add("audit " + action + " " + target + " " + detail + " by " + actor);
                return null;
            }

            @Override
            public <T, E extends Exception> T atomically(Change<T, E> change) throws E {
                return change.run();
            }

            @Override
            public List<AuditEntry> list(int limit, int offset) {
                return List.of();
            }
        };
    }
}
