package io.arus.core.rest.internal;

import io.arus.core.rest.internal.Views.UserView;
import io.arus.core.security.AuthenticatedUser;
import io.arus.core.security.PasswordHasher;
import io.arus.core.security.Sessions;
import io.arus.core.store.ApiTokenStore;
import io.arus.core.store.AuditLog;
import io.arus.core.store.ConflictException;
import io.arus.core.store.Role;
import io.arus.core.store.User;
import io.arus.core.store.UserStore;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.PATCH;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/** {@code /api/users}: user management, admins only. The last admin can be neither deleted nor demoted. */
@Component(service = UserResource.class)
@JaxrsResource
@JaxrsApplicationSelect(ArusApplication.SELECT)
@Path("users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RequiresRole(Role.ADMIN)
public final class UserResource {
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");

    private final UserStore users;
    private final PasswordHasher hasher;
    private final Sessions sessions;
    private final AuditLog audit;
    private final ApiTokenStore apiTokens;

    @Context
    SecurityContext security;

    @Context
    HttpServletRequest request;

    /** @param username unique @param password at least 8 characters @param role viewer, editor or admin */
    public record UserCreate(String username, String password, String role) {
    }

    /**
     * @param password      a new password, or null
     * @param role          a new role, or null
     * @param keepApiTokens with a new password: true keeps the user's API tokens, which are deleted by default
     */
    public record UserPatch(String password, String role, Boolean keepApiTokens) {
    }

    @Activate
    public UserResource(@Reference UserStore users, @Reference PasswordHasher hasher, @Reference Sessions sessions,
                        @Reference AuditLog audit, @Reference ApiTokenStore apiTokens) {
        this.users = users;
        this.hasher = hasher;
        this.sessions = sessions;
        this.audit = audit;
        this.apiTokens = apiTokens;
    }

    @GET
    public List<UserView> list() {
        return users.list().stream().map(UserView::of).toList();
    }

    @GET
    @Path("{id}")
    public UserView get(@PathParam("id") String id) {
        return UserView.of(find(id));
    }

    @POST
    public Response create(UserCreate body) {
        Bodies.required(body);
        String username = Bodies.text(body.username(), "username", 64);
        if (!USERNAME.matcher(username).matches()) {
            throw ApiException.invalid("username", "may hold letters, digits, '.', '_', '@' and '-'");
        }
        String password = Bodies.password(body.password(), "password");
        Role role = role(body.role());
        String hash = hasher.hash(password);
        try {
            User user = audit.atomically(() -> {
                User created = users.create(username, hash, role);
                audit.record(caller(), "user.create", "user:" + created.id(), username + " as " + role.id(),
                        Caller.address(request));
                return created;
            });
            return Response.status(Response.Status.CREATED).entity(UserView.of(user)).build();
        } catch (ConflictException e) {
            throw ApiException.conflict(e.getMessage());
        }
    }

    @PATCH
    @Path("{id}")
    public UserView update(@PathParam("id") String id, UserPatch body) {
        Bodies.required(body);
        User user = find(id);
        Role role = body.role() == null ? null : role(body.role());
        String hash = body.password() == null ? null : hasher.hash(Bodies.password(body.password(), "password"));
        if (role != null && role != Role.ADMIN && user.role() == Role.ADMIN && users.count(Role.ADMIN) <= 1) {
            throw ApiException.conflict("the last admin cannot be demoted");
        }
        boolean roleChanged = role != null && role != user.role();
        boolean keepApiTokens = Boolean.TRUE.equals(body.keepApiTokens());
        User updated = audit.atomically(() -> {
            users.update(id, hash, role).orElseThrow(() -> ApiException.notFound("no user " + id));
            List<String> changes = new ArrayList<>();
            if (roleChanged) {
                changes.add("role " + user.role().id() + " -> " + role.id());
            }
            if (hash != null) {
                int deleted = keepApiTokens ? 0 : apiTokens.deleteByUser(id);
                changes.add("password reset, " + (keepApiTokens ? "API tokens kept" : deleted + " API token(s) deleted"));
            }
            if (roleChanged || hash != null) {
                // the user's tokens were issued for the old password or role: they all end now
                sessions.endAll(id);
                changes.add("sessions ended");
            }
            audit.record(caller(), "user.update", "user:" + id, String.join(", ", changes), Caller.address(request));
            return users.byId(id).orElseThrow(() -> ApiException.notFound("no user " + id));
        });
        return UserView.of(updated);
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        User user = find(id);
        if (user.role() == Role.ADMIN && users.count(Role.ADMIN) <= 1) {
            throw ApiException.conflict("the last admin cannot be deleted");
        }
        audit.atomically(() -> {
            // its tokens go with it (ON DELETE CASCADE); its access tokens find no user from now on
            users.delete(id);
            audit.record(caller(), "user.delete", "user:" + id, user.username(), Caller.address(request));
            return null;
        });
        return Response.noContent().build();
    }

    private User find(String id) {
        return users.byId(id).orElseThrow(() -> ApiException.notFound("no user " + id));
    }

    private static Role role(String role) {
        try {
            return Role.parse(Bodies.text(role, "role", 16));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("role", "must be viewer, editor or admin");
        }
    }

    private String caller() {
        AuthenticatedUser caller = Caller.of(security);
        return caller.username();
    }
}
