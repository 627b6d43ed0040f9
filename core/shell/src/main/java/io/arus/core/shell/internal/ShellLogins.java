package io.arus.core.shell.internal;

import io.arus.core.security.AuthenticationException;
import io.arus.core.security.RateLimitedException;
import io.arus.core.security.Session;
import io.arus.core.security.Sessions;
import io.arus.core.service.Actor;
import io.arus.core.store.AuditLog;
import io.arus.core.store.Role;
import io.arus.core.store.User;
import io.arus.core.store.UserStore;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import org.apache.felix.service.command.CommandSession;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Who a shell session acts as. Whoever holds the server's terminal holds the server: a session that did not log in
 * acts as the admin {@value #SHELL}, audited under that name. After {@code arus:login} it acts as that user with
 * the user's role as it is at each command (a role change or a password reset ends the login, as it ends the
 * user's API sessions; a deleted user is logged out).
 */
@Component(service = ShellLogins.class)
public final class ShellLogins {
    /** The actor of a session that did not log in. */
    static final String SHELL = "shell";
    /** The client address logins from the terminal are counted under (rate limit) and audited with. */
    static final String ADDRESS = "shell";

    private final Sessions sessions;
    private final UserStore users;
    private final AuditLog audit;
    private final Map<CommandSession, Login> logins = new WeakHashMap<>();

    private record Login(String userId, String username, String refreshToken, long tokenVersion) {
    }

    @Activate
    public ShellLogins(@Reference Sessions sessions, @Reference UserStore users, @Reference AuditLog audit) {
        this.sessions = sessions;
        this.users = users;
        this.audit = audit;
    }

    /**
     * Checks the password as the API's login does (rate limited per address, failures audited) and makes the
     * session act as that user.
     *
     * @return the user
     */
    User login(CommandSession session, String username, String password) throws AuthenticationException, RateLimitedException {
        // the previous login ends first: a logout raises the user's token version, which would end a new login too
        logout(session);
        Session opened = sessions.login(username, password, ADDRESS);
        User user = users.byId(opened.user().id()).orElse(opened.user());
        synchronized (logins) {
            logins.put(session, new Login(user.id(), user.username(), opened.refreshToken(), user.tokenVersion()));
        }
        return user;
    }

    /** @return the user who was logged in, if one was */
    Optional<String> logout(CommandSession session) {
        Login login;
        synchronized (logins) {
            login = logins.remove(session);
        }
        if (login == null) {
            return Optional.empty();
        }
        audit.atomically(() -> {
            audit.record(login.username(), "auth.logout", "user:" + login.userId(), "shell session", ADDRESS);
            sessions.logout(login.userId(), login.refreshToken());
            return null;
        });
        return Optional.of(login.username());
    }

    /**
     * @return who the session acts as now
     * @throws IllegalStateException when the logged-in user was deleted or their sessions were ended (the login
     *                               ends with it)
     */
    Actor actor(CommandSession session) {
        Login login;
        synchronized (logins) {
            login = session == null ? null : logins.get(session);
        }
        if (login == null) {
            return new Actor(SHELL, Role.ADMIN, ADDRESS);
        }
        Optional<User> user = users.byId(login.userId());
        if (user.isEmpty() || user.get().tokenVersion() != login.tokenVersion()) {
            synchronized (logins) {
                logins.remove(session);
            }
            throw new IllegalStateException(user.isEmpty() ? "the user " + login.username() + " no longer exists; logged out"
                    : "the sessions of " + login.username() + " were ended (password or role changed); arus:login again");
        }
        return new Actor(user.get().username(), user.get().role(), ADDRESS);
    }
}
