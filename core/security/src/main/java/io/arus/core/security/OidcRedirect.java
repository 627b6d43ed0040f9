package io.arus.core.security;

import java.net.URI;

/**
 * Where to send the browser to sign in at the provider.
 *
 * @param location  the provider's authorization address with state, nonce and the PKCE challenge
 * @param flowState the encrypted state, nonce and PKCE verifier, to keep in an HttpOnly cookie until the callback
 * @param maxAgeSeconds how long the flow state stays valid
 * @since 1.2
 */
public record OidcRedirect(URI location, String flowState, long maxAgeSeconds) {
    @Override
    public String toString() {
        return "OidcRedirect[" + location.getHost() + "]";
    }
}
