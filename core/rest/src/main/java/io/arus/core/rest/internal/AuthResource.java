package io.arus.core.rest.internal;

import io.arus.core.rest.internal.Views.SessionView;
import io.arus.core.rest.internal.Views.UserView;
import io.arus.core.security.AuthenticatedUser;
import io.arus.core.security.AuthenticationException;
import io.arus.core.security.OidcSignIn;
import io.arus.core.security.RateLimitedException;
import io.arus.core.security.Session;
import io.arus.core.security.Sessions;
import io.arus.core.store.AuditLog;
import io.arus.core.store.Role;
import java.io.IOException;
import java.util.List;
import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * {@code /api/auth}: login, refresh, logout, and which ways to sign in this server offers. Password login can be
 * switched off ({@code ARUS_PASSWORD_LOGIN=false}) when an OpenID provider signs users in ({@link OidcResource}).
 */
@Component(service = AuthResource.class)
@JaxrsResource
@JaxrsApplicationSelect(ArusApplication.SELECT)
@Path("auth")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class AuthResource {
    private final Sessions sessions;
    private final AuditLog audit;
    private final OidcSignIn oidc;

    @Context
    HttpServletRequest request;

    @Context
    SecurityContext security;

    /** @param username the user @param password the password */
    public record LoginRequest(String username, String password) {
    }

    /** @param refreshToken a refresh token */
    public record RefreshRequest(String refreshToken) {
    }

    /**
     * @param passwordLogin whether username and password sign-in is on
     * @param providers     the identity providers to offer (at most one today)
     */
    public record ProvidersView(boolean passwordLogin, List<ProviderView> providers) {
    }

    /** @param id the provider's id @param name its name for the button @param start the address that starts it */
    public record ProviderView(String id, String name, String start) {
    }

    @Activate
    public AuthResource(@Reference Sessions sessions, @Reference AuditLog audit, @Reference OidcSignIn oidc) {
        this.sessions = sessions;
        this.audit = audit;
        this.oidc = oidc;
    }

    /** What the sign-in page offers: the password form, a "Sign in with ..." button, or both. */
    @GET
    @Path("providers")
    @PublicEndpoint
    public ProvidersView providers() {
        return new ProvidersView(oidc.passwordLogin(), oidc.providerName()
                .map(name -> List.of(new ProviderView("oidc", name, "api/auth/oidc/start"))).orElse(List.of()));
    }

    @POST
    @Path("login")
    @PublicEndpoint
    public SessionView login(LoginRequest body) {
        if (!oidc.passwordLogin()) {
            throw ApiException.forbidden("password login is off on this server (ARUS_PASSWORD_LOGIN=false)"
                    + oidc.providerName().map(name -> ": sign in with " + name).orElse(""));
        }
        Bodies.required(body);
        Bodies.text(body.username(), "username", 64);
        Bodies.text(body.password(), "password", 256);
        try {
            return view(sessions.login(body.username(), body.password(), Caller.address(request)));
        } catch (RateLimitedException e) {
            throw new ApiException(Response.Status.TOO_MANY_REQUESTS, e.getMessage(), List.of())
                    .withHeader(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()));
        } catch (AuthenticationException e) {
            throw new ApiException(Response.Status.UNAUTHORIZED, e.getMessage(), List.of());
        }
    }

    @POST
    @Path("refresh")
    @PublicEndpoint
    public SessionView refresh(RefreshRequest body) {
        Bodies.required(body);
        Bodies.text(body.refreshToken(), "refresh_token", 512);
        try {
            return view(sessions.refresh(body.refreshToken()));
        } catch (AuthenticationException e) {
            throw new ApiException(Response.Status.UNAUTHORIZED, e.getMessage(), List.of());
        }
    }

    /**
     * Ends every access token of the caller at once, and the session of the given refresh token (every session
     * of the caller without one). The body is optional: none at all, or {@code {"refresh_token": "..."}}.
     */
    @POST
    @Path("logout")
    @RequiresRole(Role.VIEWER)
    @Consumes(MediaType.WILDCARD)
    public Response logout(String text) {
        String refreshToken = logoutBody(text);
        AuthenticatedUser caller = Caller.of(security);
        audit.atomically(() -> {
            audit.record(caller.username(), "auth.logout", "user:" + caller.userId(),
                    refreshToken == null ? "every session" : "one session", Caller.address(request));
            sessions.logout(caller.userId(), refreshToken);
            return null;
        });
        return Response.noContent().build();
    }

    private static String logoutBody(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            RefreshRequest body = JsonProvider.MAPPER.readValue(text, RefreshRequest.class);
            return body == null || body.refreshToken() == null ? null : Bodies.text(body.refreshToken(), "refresh_token", 512);
        } catch (IOException e) {
            throw ApiException.invalid("body", "must be empty or a JSON object such as {\"refresh_token\": \"...\"}");
        }
    }

    private static SessionView view(Session session) {
        return new SessionView(session.accessToken(), session.refreshToken(), "Bearer", session.expiresIn(),
                UserView.of(session.user()));
    }
}
