package io.arus.core.security.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import io.arus.core.security.SignInRefusedException;
import java.net.URL;
import java.text.ParseException;
import java.util.List;
import java.util.Map;

/**
 * Validates an ID token: its signature against the provider's JWKS (fetched, cached and fetched again when a new key
 * id appears), the issuer, the audience (Arus's client id), the expiry and issue time with a small clock skew, the
 * nonce of this flow, and the authorized party when the token names several audiences.
 */
final class IdTokenCheck {
    /** Seconds a token may be past its expiry (or before its issue time) because clocks differ. */
    static final int MAX_CLOCK_SKEW_SECONDS = 60;
    private static final int TIMEOUT_MS = 5_000;
    private static final int JWKS_SIZE_LIMIT = 512 * 1024;

    private final IDTokenValidator validator;
    private final ClientID clientId;

    /**
     * @param issuer    the provider's issuer, exactly as in its discovery document
     * @param clientId  Arus's client id
     * @param algorithm the signature algorithm the provider uses for ID tokens
     * @param jwksUri   the provider's JWKS address
     */
    IdTokenCheck(String issuer, String clientId, JWSAlgorithm algorithm, URL jwksUri) {
        this.clientId = new ClientID(clientId);
        this.validator = new IDTokenValidator(new Issuer(issuer), this.clientId, algorithm, jwksUri,
                new DefaultResourceRetriever(TIMEOUT_MS, TIMEOUT_MS, JWKS_SIZE_LIMIT));
        this.validator.setMaxClockSkew(MAX_CLOCK_SKEW_SECONDS);
    }

    /**
     * @param idToken       the serialized ID token
     * @param expectedNonce the nonce this flow sent
     * @return the token's claims
     * @throws SignInRefusedException saying which check failed
     */
    Map<String, Object> validate(String idToken, String expectedNonce) throws SignInRefusedException {
        JWT jwt;
        try {
            jwt = JWTParser.parse(idToken);
        } catch (ParseException e) {
            throw new SignInRefusedException("the provider's ID token is not a JWT");
        }
        IDTokenClaimsSet claims;
        try {
            claims = validator.validate(jwt, new Nonce(expectedNonce));
        } catch (BadJOSEException e) {
            throw new SignInRefusedException("the provider's ID token was refused: " + e.getMessage());
        } catch (JOSEException e) {
            throw new SignInRefusedException("the provider's ID token could not be checked: " + e.getMessage());
        }
        List<?> audience = claims.getAudience();
        Object azp = claims.getClaim("azp");
        // OpenID Connect Core 3.1.3.7: with several audiences the authorized party must be there and be this client
        if ((audience.size() > 1 && azp == null) || (azp != null && !clientId.getValue().equals(azp))) {
            throw new SignInRefusedException("the provider's ID token was refused: its authorized party (azp) is not "
                    + "this client");
        }
        return claims.toJSONObject();
    }
}
