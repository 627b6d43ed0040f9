package io.arus.core.security.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.arus.core.security.SecretBox;
import io.arus.core.security.SignInRefusedException;
import java.time.Instant;

/**
 * What a sign-in remembers between the redirect to the provider and the callback, sealed with the server's key
 * (AES-GCM: the browser can neither read nor change it) and kept in the browser's HttpOnly cookie, so that the node
 * that receives the callback need not be the one that started the flow.
 *
 * @param state     the value the provider echoes back (binds the callback to this browser)
 * @param nonce     the value the ID token must carry (binds the token to this flow)
 * @param verifier  the PKCE code verifier
 * @param expiresAt epoch seconds after which the flow is refused
 */
record OidcFlowState(String state, String nonce, String verifier, long expiresAt) {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A sealed state is a few hundred characters; anything far larger is not ours. */
    static final int MAX_SEALED_LENGTH = 2048;

    String seal(SecretBox box) {
        try {
            return box.encrypt(JSON.writeValueAsString(this));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @param sealed the cookie's value, or null
     * @throws SignInRefusedException when it is missing, not ours, or expired
     */
    static OidcFlowState open(SecretBox box, String sealed, Instant now) throws SignInRefusedException {
        if (sealed == null || sealed.isBlank()) {
            throw new SignInRefusedException("this browser has no sign-in in progress (the sign-in cookie is missing;"
                    + " cookies may be blocked): start again");
        }
        OidcFlowState flow;
        try {
            if (sealed.length() > MAX_SEALED_LENGTH) {
                throw new IllegalArgumentException("too long");
            }
            flow = JSON.readValue(box.decrypt(sealed), OidcFlowState.class);
        } catch (IllegalArgumentException | JsonProcessingException e) {
            throw new SignInRefusedException("the sign-in cookie is not valid: start again");
        }
        if (now.getEpochSecond() > flow.expiresAt()) {
            throw new SignInRefusedException("the sign-in took too long: start again");
        }
        return flow;
    }

    @Override
    public String toString() {
        return "OidcFlowState[expiresAt=" + expiresAt + "]";
    }
}
