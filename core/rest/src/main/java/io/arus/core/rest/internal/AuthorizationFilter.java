package io.arus.core.rest.internal;

import io.arus.core.security.AuthenticatedUser;
import io.arus.core.security.Authenticator;
import java.lang.reflect.Method;
import java.security.Principal;
import java.util.List;
import java.util.Optional;
import javax.annotation.Priority;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.ResourceInfo;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;

/**
 * The one place where the API checks who calls and what they may do: the bearer token must authenticate (JWT
 * or API token), and the caller's role must include the resource method's {@link RequiresRole}.
 */
@Component(service = ContainerRequestFilter.class)
@JaxrsExtension
@JaxrsApplicationSelect(ArusApplication.SELECT)
@Priority(Priorities.AUTHENTICATION)
public final class AuthorizationFilter implements ContainerRequestFilter {
    private final Authenticator authenticator;

    @Context
    ResourceInfo resourceInfo;

    @Activate
    public AuthorizationFilter(@Reference Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        Method method = resourceInfo.getResourceMethod();
        if (method == null) {
            return; // no resource matched: the 404/405 answer follows
        }
        Class<?> type = resourceInfo.getResourceClass();
        if (method.isAnnotationPresent(PublicEndpoint.class) || (type.isAnnotationPresent(PublicEndpoint.class)
                && !method.isAnnotationPresent(RequiresRole.class))) {
            return;
        }
        RequiresRole required = method.isAnnotationPresent(RequiresRole.class) ? method.getAnnotation(RequiresRole.class)
                : type.getAnnotation(RequiresRole.class);
        Optional<String> token = bearer(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (token.isEmpty() && method.isAnnotationPresent(TokenInQuery.class)) {
            token = Optional.ofNullable(request.getUriInfo().getQueryParameters().getFirst("access_token"))
                    .filter(t -> !t.isBlank());
        }
        Optional<AuthenticatedUser> caller = token.flatMap(authenticator::authenticate);
        if (caller.isEmpty()) {
            throw new ApiException(Response.Status.UNAUTHORIZED, "a valid bearer token is required", List.of())
                    .withHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"arus\"");
        }
        if (required == null) {
            throw new ApiException(Response.Status.FORBIDDEN, "this endpoint declares no role; refused", List.of());
        }
        if (!caller.get().role().includes(required.value())) {
            throw new ApiException(Response.Status.FORBIDDEN, "this needs the " + required.value().id()
                    + " role; you are " + caller.get().role().id(), List.of());
        }
        boolean secure = request.getSecurityContext() != null && request.getSecurityContext().isSecure();
        request.setSecurityContext(new CallerContext(caller.get(), secure));
    }

    private static Optional<String> bearer(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        return Optional.of(header.substring(7).trim());
    }

    private record CallerContext(AuthenticatedUser caller, boolean secure) implements SecurityContext {
        @Override
        public Principal getUserPrincipal() {
            return caller;
        }

        @Override
        public boolean isUserInRole(String role) {
            return caller.role().id().equals(role);
        }

        @Override
        public boolean isSecure() {
            return secure;
        }

        @Override
        public String getAuthenticationScheme() {
            return "Bearer";
        }
    }
}
