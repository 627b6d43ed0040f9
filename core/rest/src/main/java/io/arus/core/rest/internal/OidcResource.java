package io.arus.core.rest.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.arus.core.rest.internal.Views.SessionView;
import io.arus.core.rest.internal.Views.UserView;
import io.arus.core.security.AuthenticationException;
import io.arus.core.security.OidcRedirect;
import io.arus.core.security.OidcSignIn;
import io.arus.core.security.SecretBox;
import io.arus.core.security.Session;
import io.arus.core.security.Sessions;
import io.arus.core.security.SignInRefusedException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * Sign-in through the OpenID provider ({@code GET /api/auth/providers}, in {@link AuthResource}, tells the console
 * whether to offer it): {@code GET /api/auth/oidc/start} sends the browser to the provider, {@code GET /api/auth/oidc/callback} finishes
 * the flow and sends the browser back to the console, which then fetches its tokens with
 * {@code POST /api/auth/oidc/session}. No token ever travels in a URL: between the callback and that POST the
 * session's refresh token waits in a sealed, HttpOnly cookie valid one minute, and the POST spends it (refresh tokens
 * are single use), so the cookie cannot be replayed.
 */
@Component(service = OidcResource.class)
@JaxrsResource
@JaxrsApplicationSelect(ArusApplication.SELECT)
@Path("auth/oidc")
@Produces(MediaType.APPLICATION_JSON)
@PublicEndpoint
public final class OidcResource {
    static final String FLOW_COOKIE = "arus_oidc";
    static final String HANDOFF_COOKIE = "arus_oidc_session";
    static final String COOKIE_PATH = "/api/auth/oidc";
    static final long HANDOFF_SECONDS = 60;
    /** Longest authorization code, state or error text read from the provider's redirect. */
    private static final int MAX_PARAMETER = 4096;

    private final OidcSignIn oidc;
    private final Sessions sessions;
    private final SecretBox box;

    @Context
    HttpServletRequest request;

    @Context
    UriInfo uri;

    /** What waits in the hand-off cookie. @param refreshToken the new session's @param expiresAt epoch seconds */
    record Handoff(String refreshToken, long expiresAt) {
    }

    @Activate
    public OidcResource(@Reference OidcSignIn oidc, @Reference Sessions sessions, @Reference SecretBox box) {
        this.oidc = oidc;
        this.sessions = sessions;
        this.box = box;
    }

    @GET
    @Path("start")
    public Response start() {
        try {
            OidcRedirect redirect = oidc.start(callback());
            return Response.seeOther(redirect.location())
                    .header(HttpHeaders.CACHE_CONTROL, "no-store")
                    .header("Set-Cookie", cookie(FLOW_COOKIE, encode(redirect.flowState()), redirect.maxAgeSeconds()))
                    .build();
        } catch (SignInRefusedException e) {
            return backToConsole("oidc_error", e.getMessage(), null);
        }
    }

    @GET
    @Path("callback")
    public Response callback(@QueryParam("code") String code, @QueryParam("state") String state,
                             @QueryParam("error") String error, @QueryParam("error_description") String description) {
        String clearFlow = cookie(FLOW_COOKIE, "", 0);
        if (error != null) {
            return backToConsole("oidc_error", "the provider did not sign you in: " + bounded(error, "error")
                    + (description == null ? "" : " (" + bounded(description, "error_description") + ")"), clearFlow);
        }
        try {
            Session session = oidc.finish(decode(cookieValue(FLOW_COOKIE)), callback(), bounded(code, "code"), bounded(state, "state"),
                    Caller.address(request));
            long expiresAt = Instant.now().getEpochSecond() + HANDOFF_SECONDS;
            String sealed = box.encrypt(JsonProvider.MAPPER.writeValueAsString(new Handoff(session.refreshToken(), expiresAt)));
            return Response.seeOther(console("oidc=done"))
                    .header(HttpHeaders.CACHE_CONTROL, "no-store")
                    .header("Set-Cookie", clearFlow)
                    .header("Set-Cookie", cookie(HANDOFF_COOKIE, encode(sealed), HANDOFF_SECONDS))
                    .build();
        } catch (SignInRefusedException e) {
            return backToConsole("oidc_error", e.getMessage(), clearFlow);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Hands the console the session the callback opened; the cookie works once. */
    @POST
    @Path("session")
    public Response session() {
        String sealed = decode(cookieValue(HANDOFF_COOKIE));
        if (sealed == null) {
            throw new ApiException(Response.Status.UNAUTHORIZED, "no sign-in to pick up: sign in with the provider first",
                    List.of());
        }
        Handoff handoff;
        try {
            handoff = JsonProvider.MAPPER.readValue(box.decrypt(sealed), Handoff.class);
        } catch (IllegalArgumentException | JsonProcessingException e) {
            throw new ApiException(Response.Status.UNAUTHORIZED, "the sign-in cookie is not valid: sign in again", List.of());
        }
        if (Instant.now().getEpochSecond() > handoff.expiresAt()) {
            throw new ApiException(Response.Status.UNAUTHORIZED, "the sign-in was not picked up in time: sign in again",
                    List.of());
        }
        try {
            Session session = sessions.refresh(handoff.refreshToken());
            return Response.ok(new SessionView(session.accessToken(), session.refreshToken(), "Bearer",
                            session.expiresIn(), UserView.of(session.user())))
                    .header(HttpHeaders.CACHE_CONTROL, "no-store")
                    .header("Set-Cookie", cookie(HANDOFF_COOKIE, "", 0))
                    .build();
        } catch (AuthenticationException e) {
            throw new ApiException(Response.Status.UNAUTHORIZED, "this sign-in was already picked up: sign in again",
                    List.of());
        }
    }

    private URI callback() {
        return uri.getBaseUriBuilder().path("auth/oidc/callback").build();
    }

    /** The console's sign-in page with a message; in the fragment, which no server or proxy log sees. */
    private Response backToConsole(String key, String message, String clearCookie) {
        Response.ResponseBuilder response = Response.seeOther(console(key + "="
                        + URLEncoder.encode(message, StandardCharsets.UTF_8).replace("+", "%20")))
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
        if (clearCookie != null) {
            response.header("Set-Cookie", clearCookie);
        }
        return response.build();
    }

    /** The console's sign-in route; absolute, since JAX-RS resolves a relative one against {@code /api/}. */
    private URI console(String query) {
        return URI.create(uri.getBaseUri().resolve("/") + "#/login?" + query);
    }

    private String cookie(String name, String value, long maxAge) {
        return name + "=" + value + "; Path=" + COOKIE_PATH + "; Max-Age=" + maxAge + "; HttpOnly; SameSite=Lax"
                + (request != null && request.isSecure() ? "; Secure" : "");
    }

    private String cookieValue(String name) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        for (Cookie cookie : cookies) {
            if (name.equals(cookie.getName()) && !cookie.getValue().isEmpty()) {
                return cookie.getValue();
            }
        }
        return null;
    }

    /** Sealed values hold '+', '/' and '=': base64url keeps the cookie to characters no parser quarrels with. */
    private static String encode(String sealed) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sealed.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String cookie) {
        if (cookie == null || cookie.length() > MAX_PARAMETER) {
            return null;
        }
        try {
            return new String(Base64.getUrlDecoder().decode(cookie), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String bounded(String value, String field) {
        if (value != null && value.length() > MAX_PARAMETER) {
            throw ApiException.invalid(field, "longer than " + MAX_PARAMETER + " characters");
        }
        return value;
    }
}
