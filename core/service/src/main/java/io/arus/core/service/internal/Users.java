package io.arus.core.service.internal;

import io.arus.core.security.PasswordHasher;
import io.arus.core.security.Sessions;
import io.arus.core.service.Actor;
import io.arus.core.service.ConflictException;
import io.arus.core.service.NotFoundException;
import io.arus.core.service.UserService;
import io.arus.core.store.ApiTokenStore;
import io.arus.core.store.AuditLog;
import io.arus.core.store.Role;
import io.arus.core.store.User;
import io.arus.core.store.UserStore;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@link UserService} over the user store, admins only. */
@Component(service = UserService.class)
public final class Users implements UserService {
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");

    private final UserStore users;
    private final PasswordHasher hasher;
    private final Sessions sessions;
    private final AuditLog audit;
    private final ApiTokenStore apiTokens;

    @Activate
    public Users(@Reference UserStore users, @Reference PasswordHasher hasher, @Reference Sessions sessions,
                            @Reference AuditLog audit, @Reference ApiTokenStore apiTokens) {
        this.users = users;
        this.hasher = hasher;
        this.sessions = sessions;
        this.audit = audit;
        this.apiTokens = apiTokens;
    }

    @Override
    public List<User> list(Actor actor) {
        actor.require(Role.ADMIN);
        return users.list();
    }

    @Override
    public User get(Actor actor, String idOrUsername) {
        actor.require(Role.ADMIN);
        return find(idOrUsername);
    }

    @Override
    public User create(Actor actor, String username, String password, String role) {
        actor.require(Role.ADMIN);
        String name = FieldChecks.text(username, "username", 64);
        if (!USERNAME.matcher(name).matches()) {
            throw FieldChecks.invalid("username", "may hold letters, digits, '.', '_', '@' and '-'");
        }
        String checked = FieldChecks.password(password, "password");
        Role parsed = role(role);
        String hash = hasher.hash(checked);
        try {
            return audit.atomically(() -> {
                User created = users.create(name, hash, parsed);
                audit.record(actor.username(), "user.create", "user:" + created.id(), name + " as " + parsed.id(),
                        actor.address());
                return created;
            });
        } catch (io.arus.core.store.ConflictException e) {
            throw new ConflictException(e.getMessage());
        }
    }

    @Override
    public User update(Actor actor, String id, String password, String role, boolean keepApiTokens) {
        actor.require(Role.ADMIN);
        User user = find(id);
        Role parsed = role == null ? null : role(role);
        String hash = password == null ? null : hasher.hash(FieldChecks.password(password, "password"));
        if (parsed != null && parsed != Role.ADMIN && user.role() == Role.ADMIN && users.count(Role.ADMIN) <= 1) {
            throw new ConflictException("the last admin cannot be demoted");
        }
        boolean roleChanged = parsed != null && parsed != user.role();
        return audit.atomically(() -> {
            users.update(user.id(), hash, parsed).orElseThrow(() -> new NotFoundException("no user " + id));
            List<String> changes = new ArrayList<>();
            if (roleChanged) {
                changes.add("role " + user.role().id() + " -> " + parsed.id());
            }
            if (hash != null) {
                int deleted = keepApiTokens ? 0 : apiTokens.deleteByUser(user.id());
                changes.add("password reset, " + (keepApiTokens ? "API tokens kept" : deleted + " API token(s) deleted"));
            }
            if (roleChanged || hash != null) {
                // the user's tokens were issued for the old password or role: they all end now
                sessions.endAll(user.id());
                changes.add("sessions ended");
            }
            audit.record(actor.username(), "user.update", "user:" + user.id(), String.join(", ", changes), actor.address());
            return users.byId(user.id()).orElseThrow(() -> new NotFoundException("no user " + id));
        });
    }

    @Override
    public void changeOwnPassword(Actor actor, String userId, String currentPassword, String newPassword,
                                  boolean keepApiTokens) {
        actor.require(Role.VIEWER);
        User user = users.byId(userId).orElseThrow(() -> new NotFoundException("your user no longer exists"));
        if (currentPassword == null || !hasher.verify(currentPassword, user.passwordHash())) {
            throw FieldChecks.invalid("current_password", "is wrong");
        }
        String hash = hasher.hash(FieldChecks.password(newPassword, "new_password"));
        audit.atomically(() -> {
            users.update(user.id(), hash, null);
            sessions.endAll(user.id());
            int deleted = keepApiTokens ? 0 : apiTokens.deleteByUser(user.id());
            audit.record(user.username(), "user.password_change", "user:" + user.id(),
                    keepApiTokens ? "API tokens kept" : deleted + " API token(s) deleted", actor.address());
            return null;
        });
    }

    @Override
    public void delete(Actor actor, String id) {
        actor.require(Role.ADMIN);
        User user = find(id);
        if (user.role() == Role.ADMIN && users.count(Role.ADMIN) <= 1) {
            throw new ConflictException("the last admin cannot be deleted");
        }
        audit.atomically(() -> {
            // its tokens go with it (ON DELETE CASCADE); its access tokens find no user from now on
            users.delete(user.id());
            audit.record(actor.username(), "user.delete", "user:" + user.id(), user.username(), actor.address());
            return null;
        });
    }

    private User find(String idOrUsername) {
        if (idOrUsername == null || idOrUsername.length() > 64) {
            throw new NotFoundException("no user " + (idOrUsername == null ? "" : idOrUsername.substring(0, 64) + "…"));
        }
        return users.byId(idOrUsername).or(() -> users.byUsername(idOrUsername))
                .orElseThrow(() -> new NotFoundException("no user " + idOrUsername));
    }

    private static Role role(String role) {
        try {
            return Role.parse(FieldChecks.text(role, "role", 16));
        } catch (IllegalArgumentException e) {
            throw FieldChecks.invalid("role", "must be viewer, editor or admin");
        }
    }
}
