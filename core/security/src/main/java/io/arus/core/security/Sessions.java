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

    /** Ends the session of a refresh token (or, without one, every session of the user). */
    void logout(String userId, String refreshToken);
}
