package io.arus.core.shell.internal;

import io.arus.core.security.IssuedApiToken;
import io.arus.core.service.Actor;
import io.arus.core.service.ApiTokenService;
import io.arus.core.service.UserService;
import io.arus.core.store.ApiToken;
import io.arus.core.store.Role;
import io.arus.core.store.User;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Users (admins only) and API tokens (everyone their own, admins all) in the shell, through {@link UserService} and
 * {@link ApiTokenService} as the session's actor.
 */
@Component(service = UserCommands.class, property = {
    "osgi.command.scope=arus",
    "osgi.command.function=users",
    "osgi.command.function=usercreate",
    "osgi.command.function=userrole",
    "osgi.command.function=userpassword",
    "osgi.command.function=userdelete",
    "osgi.command.function=tokens",
    "osgi.command.function=tokencreate",
    "osgi.command.function=tokenrevoke"
})
public final class UserCommands {
    private final ShellLogins logins;
    private final UserService users;
    private final ApiTokenService tokens;

    @Activate
    public UserCommands(@Reference ShellLogins logins, @Reference UserService users, @Reference ApiTokenService tokens) {
        this.logins = logins;
        this.users = users;
        this.tokens = tokens;
    }

    @Descriptor("list the users with their roles; admins only (GET /api/users)")
    public String users(CommandSession session) {
        List<User> all = users.list(logins.actor(session));
        TextTable table = new TextTable("ID", "USERNAME", "ROLE", "CREATED", "UPDATED");
        for (User user : all) {
            table.row(user.id(), user.username(), user.role().id(), user.createdAt(), user.updatedAt());
        }
        return table.toString() + all.size() + " user" + (all.size() == 1 ? "" : "s") + "\n";
    }

    @Descriptor("create a user; admins only (POST /api/users); prints its id")
    public String userCreate(CommandSession session,
                             @Descriptor("viewer, editor or admin (viewer)") @Parameter(names = "--role", absentValue = "viewer")
                             String role,
                             @Descriptor("the password, at least 8 characters (else it is asked for)")
                             @Parameter(names = "--password", absentValue = "") String password,
                             @Descriptor("username") String username) {
        Actor actor = logins.actor(session);
        actor.require(Role.ADMIN); // before asking for a password that would be refused anyway
        User created = users.create(actor, username, TerminalPassword.read(password, "password for " + username), role);
        return "user " + created.username() + " (" + created.role().id() + ") created: " + created.id() + "\n";
    }

    @Descriptor("change a user's role; their sessions end; the last admin stays admin (PATCH /api/users/{id})")
    public String userRole(CommandSession session, @Descriptor("user id or username") String user,
                           @Descriptor("viewer, editor or admin") String role) {
        Actor actor = logins.actor(session);
        User updated = users.update(actor, users.get(actor, user).id(), null, role, false);
        return "user " + updated.username() + " is " + updated.role().id() + " (sessions ended)\n";
    }

    @Descriptor("reset a user's password; their sessions end and their API tokens are deleted unless --keep-api-tokens "
            + "(PATCH /api/users/{id})")
    public String userPassword(CommandSession session,
                               @Descriptor("keep the user's API tokens") @Parameter(names = "--keep-api-tokens",
                                       presentValue = "true", absentValue = "false") boolean keepApiTokens,
                               @Descriptor("the new password, at least 8 characters (else it is asked for)")
                               @Parameter(names = "--password", absentValue = "") String password,
                               @Descriptor("user id or username") String user) {
        Actor actor = logins.actor(session);
        String id = users.get(actor, user).id();
        User updated = users.update(actor, id, TerminalPassword.read(password, "new password for " + user), null, keepApiTokens);
        return "password of " + updated.username() + " reset (sessions ended, API tokens "
                + (keepApiTokens ? "kept" : "deleted") + ")\n";
    }

    @Descriptor("delete a user with their API tokens; the last admin stays (DELETE /api/users/{id})")
    public String userDelete(CommandSession session, @Descriptor("user id or username") String user) {
        Actor actor = logins.actor(session);
        User found = users.get(actor, user);
        users.delete(actor, found.id());
        return "user " + found.username() + " deleted\n";
    }

    @Descriptor("list your API tokens, or everyone's for an admin (GET /api/tokens); never the tokens themselves")
    public String tokens(CommandSession session) {
        List<ApiToken> all = tokens.list(logins.actor(session));
        TextTable table = new TextTable("ID", "NAME", "PREFIX", "USER", "CREATED", "LAST USED", "EXPIRES");
        for (ApiToken token : all) {
            table.row(token.id(), token.name(), token.prefix(), token.userId(), token.createdAt(), token.lastUsedAt(),
                    token.expiresAt() == null ? "never" : token.expiresAt());
        }
        return table.toString() + all.size() + " API token" + (all.size() == 1 ? "" : "s") + "\n";
    }

    @Descriptor("create an API token for the logged-in user (arus:login first) (POST /api/tokens); the token is shown "
            + "this once")
    public String tokenCreate(CommandSession session,
                              @Descriptor("when it stops working, ISO-8601 such as 2027-01-31T00:00:00Z (never)")
                              @Parameter(names = "--expires", absentValue = "") String expires,
                              @Descriptor("what the token is for") String name) {
        Instant expiresAt;
        try {
            expiresAt = expires.isEmpty() ? null : Instant.parse(expires);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--expires must be an instant such as 2027-01-31T00:00:00Z");
        }
        IssuedApiToken issued = tokens.create(logins.actor(session), name, expiresAt);
        return "API token " + issued.record().id() + " created; it is shown this once:\n" + issued.token() + "\n";
    }

    @Descriptor("revoke (delete) an API token: yours, or anyone's for an admin (DELETE /api/tokens/{id})")
    public String tokenRevoke(CommandSession session, @Descriptor("token id") String id) {
        tokens.revoke(logins.actor(session), id);
        return "API token " + id + " revoked\n";
    }
}
