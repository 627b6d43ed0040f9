package io.arus.core.security;

import io.arus.core.store.Role;
import java.security.Principal;

/**
 * The caller of a request, as its token says.
 *
 * @param userId   the user's id
 * @param username the user's name
 * @param role     the user's role (read from the database for API tokens, from the JWT for access tokens)
 * @param via      {@code jwt} or {@code api_token}
 */
public record AuthenticatedUser(String userId, String username, Role role, String via) implements Principal {
    @Override
    public String getName() {
        return username;
    }
}
