package io.arus.core.rest.internal;

import io.arus.core.security.AuthenticatedUser;
import io.arus.core.service.Actor;
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

    /** @return the caller as the services take it: name, role and address */
    static Actor actor(SecurityContext context, HttpServletRequest request) {
        AuthenticatedUser user = of(context);
        return new Actor(user.username(), user.role(), address(request));
    }

    static String address(HttpServletRequest request) {
        return request == null ? null : request.getRemoteAddr();
    }
}
