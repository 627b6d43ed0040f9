package io.arus.core.rest.internal;

import io.arus.core.security.AuthenticatedUser;
import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.core.SecurityContext;

/** Who calls and from where, for resource methods behind {@link AuthorizationFilter}. */
final class Caller {
    private Caller() {
    }

    static AuthenticatedUser of(SecurityContext context) {
        if (context != null && context.getUserPrincipal() instanceof AuthenticatedUser user) {
            return user;
        }
        throw new IllegalStateException("no authenticated caller: is the method annotated with @RequiresRole?");
    }

    static String address(HttpServletRequest request) {
        return request == null ? null : request.getRemoteAddr();
    }
}
