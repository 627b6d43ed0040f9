package io.arus.core.shell.internal;

import io.arus.core.security.AuthenticationException;
import io.arus.core.security.RateLimitedException;
import io.arus.core.service.Actor;
import io.arus.core.store.User;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code arus:login}, {@code arus:logout} and {@code arus:whoami}: who the shell session acts as (see
 * {@link ShellLogins}).
 */
@Component(service = SessionCommands.class, property = {
    "osgi.command.scope=arus",
    "osgi.command.function=login",
    "osgi.command.function=logout",
    "osgi.command.function=whoami"
})
public final class SessionCommands {
    private final ShellLogins logins;

    @Activate
    public SessionCommands(@Reference ShellLogins logins) {
        this.logins = logins;
    }

    @Descriptor("act as a user of the server from now on, with that user's role; the password is read from the "
            + "terminal without echo, or given with --password (scripts). Checked like POST /api/auth/login: wrong "
            + "passwords are audited and rate limited")
    public String login(CommandSession session,
                        @Descriptor("the password (else it is asked for)") @Parameter(names = "--password", absentValue = "")
                        String password,
                        @Descriptor("username") String username) throws AuthenticationException, RateLimitedException {
        String secret = TerminalPassword.read(password, "password for " + username);
        User user = logins.login(session, username, secret);
        return "logged in as " + user.username() + " (" + user.role().id() + ")\n";
    }

    @Descriptor("stop acting as the logged-in user (POST /api/auth/logout: that user's sessions end); the session acts "
            + "as the admin 'shell' again")
    public String logout(CommandSession session) {
        return logins.logout(session).map(name -> "logged out " + name + "; acting as " + ShellLogins.SHELL + " (admin)\n")
                .orElse("not logged in; acting as " + ShellLogins.SHELL + " (admin)\n");
    }

    @Descriptor("show who this shell session acts as, and with which role (GET /api/me)")
    public String whoami(CommandSession session) {
        Actor actor = logins.actor(session);
        return actor.username() + " (" + actor.role().id() + ")\n";
    }
}
