package io.arus.core.rest.internal;

import io.arus.core.rest.internal.Views.UserView;
import io.arus.core.security.AuthenticatedUser;
import io.arus.core.service.UserService;
import io.arus.core.store.Role;
import io.arus.core.store.User;
import io.arus.core.store.UserStore;
import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
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

/** {@code /api/me}: the caller's own account. Any role. */
@Component(service = MeResource.class)
@JaxrsResource
@JaxrsApplicationSelect(ArusApplication.SELECT)
@Path("me")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RequiresRole(Role.VIEWER)
public final class MeResource {
    private final UserStore users;
    private final UserService userService;

    @Context
    SecurityContext security;

    @Context
    HttpServletRequest request;

    /**
     * @param currentPassword the password now
     * @param newPassword     the new one
     * @param keepApiTokens   true keeps the caller's API tokens; by default a password change deletes them
     */
    public record PasswordChange(String currentPassword, String newPassword, Boolean keepApiTokens) {
    }

    @Activate
    public MeResource(@Reference UserStore users, @Reference UserService userService) {
        this.users = users;
        this.userService = userService;
    }

    @GET
    public UserView me() {
        return UserView.of(current());
    }

    /**
     * Changes the caller's password. Every session of the caller ends at once (this one too: log in again with
     * the new password), and the caller's API tokens are deleted unless {@code keep_api_tokens} is true.
     */
    @PUT
    @Path("password")
    public Response changePassword(PasswordChange body) {
        Bodies.required(body);
        AuthenticatedUser caller = Caller.of(security);
        ServiceProblems.run(() -> userService.changeOwnPassword(Caller.actor(security, request), caller.userId(),
                body.currentPassword(), body.newPassword(), Boolean.TRUE.equals(body.keepApiTokens())));
        return Response.noContent().build();
    }

    private User current() {
        AuthenticatedUser caller = Caller.of(security);
        return users.byId(caller.userId()).orElseThrow(() -> ApiException.notFound("your user no longer exists"));
    }
}
