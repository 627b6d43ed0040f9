package io.arus.core.security;

import java.net.URI;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Sign-in through an OpenID Connect provider (authorization-code flow with PKCE), and whether password login is
 * allowed next to it. The flow's state, nonce and PKCE verifier travel in an encrypted, short-lived value the caller
 * keeps in an HttpOnly cookie, so any node of a cluster can finish a flow another node started.
 *
 * @since 1.2
 */
@ProviderType
public interface OidcSignIn {
    /** @return the provider's name for "Sign in with ..." when a provider is configured, else empty */
    Optional<String> providerName();

    /** @return whether username and password login is allowed ({@code ARUS_PASSWORD_LOGIN}, default true) */
    boolean passwordLogin();

    /**
     * Starts a sign-in.
     *
     * @param redirectUri where the provider sends the browser back (Arus's callback)
     * @return the provider's authorization address and the sealed flow state for the cookie
     * @throws SignInRefusedException when no provider is configured or it cannot be reached
     */
    OidcRedirect start(URI redirectUri) throws SignInRefusedException;

    /**
     * Finishes a sign-in: checks the state, exchanges the code (with the PKCE verifier and the client secret),
     * validates the ID token, provisions or updates the user and opens an Arus session.
     *
     * @param flowState     the sealed value {@link #start} returned (from the cookie), or null
     * @param redirectUri   the same address given to {@link #start}
     * @param code          the provider's authorization code
     * @param state         the provider's echo of the state
     * @param clientAddress the browser's address, for the audit log
     * @return the new session
     * @throws SignInRefusedException with words fit for the user when anything does not check out
     */
    Session finish(String flowState, URI redirectUri, String code, String state, String clientAddress)
            throws SignInRefusedException;
}
