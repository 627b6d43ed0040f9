package io.arus.core.security;

import org.osgi.annotation.versioning.ProviderType;

/** Login, refresh and logout. */
@ProviderType
public interface Sessions {
    /**
     * @param clientAddress the caller's address, for the rate limit and the audit log
     * @return a new session
     * @throws AuthenticationException when the username or password is wrong
     * @throws RateLimitedException    after too many failures from that address within a minute
     */
    Session login(String username, String password, String clientAddress)
            throws AuthenticationException, RateLimitedException;

    /**
     * Exchanges a refresh token for a new session; the presented token stops working. Presenting an already
     * used token revokes its whole session (it was stolen or replayed).
     *
     * @throws AuthenticationException when the token is unknown, expired or already used
     */
    Session refresh(String refreshToken) throws AuthenticationException;

    /**
     * Logs out: every access token of the user stops working at once (on every node), and the session of the
     * refresh token ends (without one, every session of the user). Other sessions may refresh again.
     */
    void logout(String userId, String refreshToken);

    /**
     * Ends every session of a user at once: every access token is refused from the next request on and every
     * refresh token is revoked (password change, reset, role change). API tokens are not touched.
     *
     * @since 1.1
     */
    void endAll(String userId);
}
