package io.arus.core.rest.internal;

import io.arus.core.rest.internal.Views.TokenView;
import io.arus.core.security.IssuedApiToken;
import io.arus.core.service.ApiTokenService;
import io.arus.core.store.Role;
import java.time.Instant;
import java.util.List;
import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
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
 * {@code /api/tokens}: API tokens for automation. Everyone manages their own; an admin also sees and deletes
 * everyone's. The token itself is in the creation answer only. Through {@link ApiTokenService}, which the shell
 * calls too.
 */
@Component(service = TokenResource.class)
@JaxrsResource
@JaxrsApplicationSelect(ArusApplication.SELECT)
@Path("tokens")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RequiresRole(Role.VIEWER)
public final class TokenResource {
    private static final String API_TOKEN = "api_token";
    private final ApiTokenService tokens;

    @Context
    SecurityContext security;

    @Context
    HttpServletRequest request;

    /** @param name what the token is for @param expiresAt when it stops working, or null for never */
    public record TokenRequest(String name, Instant expiresAt) {
    }

    @Activate
    public TokenResource(@Reference ApiTokenService tokens) {
        this.tokens = tokens;
    }

    @GET
    public List<TokenView> list() {
        return ServiceProblems.call(() -> tokens.list(Caller.actor(security, request)).stream()
                .map(t -> TokenView.of(t, null)).toList());
    }

    @POST
    public Response create(TokenRequest body) {
        if (API_TOKEN.equals(Caller.of(security).via())) {
            // a leaked API token must not be able to mint more of them, which deleting it would not end
            throw ApiException.forbidden("an API token cannot create API tokens; log in with your password");
        }
        Bodies.required(body);
        IssuedApiToken issued = ServiceProblems.call(() -> tokens.create(Caller.actor(security, request), body.name(),
                body.expiresAt()));
        return Response.status(Response.Status.CREATED).entity(TokenView.of(issued.record(), issued.token())).build();
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        ServiceProblems.run(() -> tokens.revoke(Caller.actor(security, request), id));
        return Response.noContent().build();
    }
}
