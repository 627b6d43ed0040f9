package io.arus.core.rest.internal;

import io.arus.core.rest.internal.Views.UserView;
import io.arus.core.service.UserService;
import io.arus.core.store.Role;
import java.util.List;
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

/**
 * {@code /api/users}: user management, admins only, through {@link UserService} (which the shell calls too). The
 * last admin can be neither deleted nor demoted.
 */
@Component(service = UserResource.class)
@JaxrsResource
@JaxrsApplicationSelect(ArusApplication.SELECT)
@Path("users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RequiresRole(Role.ADMIN)
public final class UserResource {
    private final UserService users;

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
    public UserResource(@Reference UserService users) {
        this.users = users;
    }

    @GET
    public List<UserView> list() {
        return ServiceProblems.call(() -> users.list(Caller.actor(security, request)).stream().map(UserView::of).toList());
    }

    @GET
    @Path("{id}")
    public UserView get(@PathParam("id") String id) {
        return ServiceProblems.call(() -> UserView.of(users.get(Caller.actor(security, request), id)));
    }

    @POST
    public Response create(UserCreate body) {
        Bodies.required(body);
        UserView created = ServiceProblems.call(() -> UserView.of(users.create(Caller.actor(security, request),
                body.username(), body.password(), body.role())));
        return Response.status(Response.Status.CREATED).entity(created).build();
    }

    @PATCH
    @Path("{id}")
    public UserView update(@PathParam("id") String id, UserPatch body) {
        Bodies.required(body);
        return ServiceProblems.call(() -> UserView.of(users.update(Caller.actor(security, request), id, body.password(),
                body.role(), Boolean.TRUE.equals(body.keepApiTokens()))));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        ServiceProblems.run(() -> users.delete(Caller.actor(security, request), id));
        return Response.noContent().build();
    }
}
