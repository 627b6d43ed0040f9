package io.arus.core.rest.internal;

import io.arus.core.rest.internal.Views.TokenView;
import io.arus.core.security.ApiTokens;
import io.arus.core.security.AuthenticatedUser;
import io.arus.core.security.IssuedApiToken;
import io.arus.core.store.ApiToken;
import io.arus.core.store.ApiTokenStore;
import io.arus.core.store.AuditLog;
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
 * everyone's. The token itself is in the creation answer only.
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
    private final ApiTokens issuer;
    private final ApiTokenStore tokens;
    private final AuditLog audit;

    @Context
    SecurityContext security;

    @Context
    HttpServletRequest request;

    /** @param name what the token is for @param expiresAt when it stops working, or null for never */
    public record TokenRequest(String name, Instant expiresAt) {
    }

    @Activate
    public TokenResource(@Reference ApiTokens issuer, @Reference ApiTokenStore tokens, @Reference AuditLog audit) {
        this.issuer = issuer;
        this.tokens = tokens;
        this.audit = audit;
    }

    @GET
    public List<TokenView> list() {
        AuthenticatedUser caller = Caller.of(security);
        List<ApiToken> visible = caller.role() == Role.ADMIN ? tokens.listAll() : tokens.list(caller.userId());
        return visible.stream().map(t -> TokenView.of(t, null)).toList();
    }

    @POST
    public Response create(TokenRequest body) {
        if (API_TOKEN.equals(Caller.of(security).via())) {
            // a leaked API token must not be able to mint more of them, which deleting it would not end
            throw ApiException.forbidden("an API token cannot create API tokens; log in with your password");
        }
        Bodies.required(body);
        String name = Bodies.text(body.name(), "name", 100);
        if (body.expiresAt() != null && !body.expiresAt().isAfter(Instant.now())) {
            throw ApiException.invalid("expires_at", "must be in the future");
        }
        AuthenticatedUser caller = Caller.of(security);
        IssuedApiToken issued = audit.atomically(() -> {
            IssuedApiToken created = issuer.create(caller.userId(), name, body.expiresAt());
            audit.record(caller.username(), "token.create", "token:" + created.record().id(), name, Caller.address(request));
            return created;
        });
        return Response.status(Response.Status.CREATED).entity(TokenView.of(issued.record(), issued.token())).build();
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        AuthenticatedUser caller = Caller.of(security);
        ApiToken token = tokens.byId(id)
                .filter(t -> t.userId().equals(caller.userId()) || caller.role() == Role.ADMIN)
                .orElseThrow(() -> ApiException.notFound("no API token " + id));
        audit.atomically(() -> {
            tokens.delete(token.id());
            audit.record(caller.username(), "token.delete", "token:" + id, token.name(), Caller.address(request));
            return null;
        });
        return Response.noContent().build();
    }
}
