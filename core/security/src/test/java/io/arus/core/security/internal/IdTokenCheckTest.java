package io.arus.core.security.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.arus.core.security.SignInRefusedException;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ID token checks against a JWKS served over HTTP on loopback, with tokens signed here. */
class IdTokenCheckTest {
    static final String ISSUER = "https://idp.example/realms/arus";
    static final String CLIENT = "arus-console";
    static final String NONCE = "n-0S6_WzA2Mj";

    HttpServer jwksServer;
    RSAKey providerKey;
    IdTokenCheck check;
    final AtomicInteger jwksFetches = new AtomicInteger();

    @BeforeEach
    void serveTheProvidersKeys() throws Exception {
        providerKey = new RSAKeyGenerator(2048).keyID("k1").generate();
        byte[] jwks = new JWKSet(providerKey.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        jwksServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        jwksServer.createContext("/jwks", exchange -> {
            jwksFetches.incrementAndGet();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            exchange.getResponseBody().write(jwks);
            exchange.close();
        });
        jwksServer.start();
        check = new IdTokenCheck(ISSUER, CLIENT, JWSAlgorithm.RS256,
                new URL("http://127.0.0.1:" + jwksServer.getAddress().getPort() + "/jwks"));
    }

    @AfterEach
    void stop() {
        jwksServer.stop(0);
    }

    @Test
    void acceptsATokenOfTheProviderForThisClientAndFlow() throws Exception {
        var claims = check.validate(token(providerKey, c -> c), NONCE);

        assertThat(claims).containsEntry("sub", "u-42").containsEntry("preferred_username", "alice");
        assertThat(jwksFetches).hasValue(1);
    }

    @Test
    void refusesATokenSignedByAnotherKeyUnderTheProvidersKeyId() throws Exception {
        RSAKey forger = new RSAKeyGenerator(2048).keyID("k1").generate();

        assertThatThrownBy(() -> check.validate(token(forger, c -> c), NONCE))
                .isInstanceOf(SignInRefusedException.class).hasMessageContaining("refused")
                .hasMessageContaining("signature");
    }

    @Test
    void refusesATokenForAnotherAudience() {
        assertThatThrownBy(() -> check.validate(token(providerKey, c -> c.audience("another-app")), NONCE))
                .isInstanceOf(SignInRefusedException.class).hasMessageContaining("audience");
    }

    @Test
    void refusesAnExpiredTokenBeyondTheClockSkew() throws Exception {
        long now = System.currentTimeMillis();
        assertThatThrownBy(() -> check.validate(token(providerKey, c -> c
                .issueTime(new Date(now - 600_000)).expirationTime(new Date(now - 120_000))), NONCE))
                .isInstanceOf(SignInRefusedException.class).hasMessageContaining("xpired");
        // within the skew a token that just expired still passes
        assertThat(check.validate(token(providerKey, c -> c.expirationTime(new Date(now - 10_000))), NONCE))
                .containsEntry("sub", "u-42");
    }

    @Test
    void refusesATokenOfAnotherFlow() {
        assertThatThrownBy(() -> check.validate(token(providerKey, c -> c), "another-nonce"))
                .isInstanceOf(SignInRefusedException.class).hasMessageContaining("nonce");
        assertThatThrownBy(() -> check.validate(token(providerKey, c -> c.claim("nonce", null)), NONCE))
                .isInstanceOf(SignInRefusedException.class).hasMessageContaining("nonce");
    }

    @Test
    void refusesATokenOfAnotherIssuer() {
        assertThatThrownBy(() -> check.validate(token(providerKey, c -> c.issuer("https://evil.example")), NONCE))
                .isInstanceOf(SignInRefusedException.class).hasMessageContaining("issuer");
    }

    @Test
    void withSeveralAudiencesTheAuthorizedPartyMustBeThisClient() throws Exception {
        assertThatThrownBy(() -> check.validate(token(providerKey, c -> c.audience(List.of(CLIENT, "other"))), NONCE))
                .isInstanceOf(SignInRefusedException.class).hasMessageContaining("azp");
        assertThatThrownBy(() -> check.validate(token(providerKey, c -> c.audience(List.of(CLIENT, "other"))
                .claim("azp", "other")), NONCE))
                .isInstanceOf(SignInRefusedException.class).hasMessageContaining("azp");
        assertThat(check.validate(token(providerKey, c -> c.audience(List.of(CLIENT, "other")).claim("azp", CLIENT)),
                NONCE)).containsEntry("azp", CLIENT);
    }

    @Test
    void refusesAnUnsignedTokenAndSomethingThatIsNoJwt() {
        String plain = new PlainJWT(claims(c -> c)).serialize();

        assertThatThrownBy(() -> check.validate(plain, NONCE)).isInstanceOf(SignInRefusedException.class)
                .hasMessageContaining("refused");
        assertThatThrownBy(() -> check.validate("not-a-token", NONCE)).isInstanceOf(SignInRefusedException.class)
                .hasMessage("the provider's ID token is not a JWT");
    }

    private static JWTClaimsSet claims(UnaryOperator<JWTClaimsSet.Builder> change) {
        long now = System.currentTimeMillis();
        return change.apply(new JWTClaimsSet.Builder().issuer(ISSUER).subject("u-42").audience(CLIENT)
                .issueTime(new Date(now)).expirationTime(new Date(now + 300_000)).claim("nonce", NONCE)
                .claim("preferred_username", "alice")).build();
    }

    private static String token(RSAKey key, UnaryOperator<JWTClaimsSet.Builder> change) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                claims(change));
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }
}
