package io.arus.core.security.internal;

import io.arus.core.security.ApiTokens;
import io.arus.core.security.AuthenticatedUser;
import io.arus.core.security.AuthenticationException;
import io.arus.core.security.Authenticator;
import io.arus.core.security.IssuedApiToken;
import io.arus.core.security.PasswordHasher;
import io.arus.core.security.RateLimitedException;
import io.arus.core.security.Session;
import io.arus.core.security.Sessions;
import io.arus.core.store.ApiToken;
import io.arus.core.store.ApiTokenStore;
import io.arus.core.store.AuditLog;
import io.arus.core.store.RefreshToken;
import io.arus.core.store.RefreshTokenStore;
import io.arus.core.store.Role;
import io.arus.core.store.User;
import io.arus.core.store.UserStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Access tokens are short-lived HS256 JWTs (15 minutes); refresh tokens are opaque, stored hashed, valid 7 days
 * and rotated on every use; API tokens are opaque ({@code arus_...}), stored hashed, valid until deleted or
 * their expiry. Every token resolves to the user's current row in the database, one primary-key read per
 * request: the role comes from there, and an access token must carry the user's current token version, so
 * that raising it (logout, password change, reset, role change) ends every access token of the user at the
 * next request on every node, with no cache to invalidate.
 */
// registered under its class too: OidcSignInService (same bundle, internal package) opens sessions with open()
@Component(service = {Authenticator.class, Sessions.class, ApiTokens.class, TokenService.class})
public final class TokenService implements Authenticator, Sessions, ApiTokens {
    static final Duration ACCESS_TTL = Duration.ofMinutes(15);
    static final Duration REFRESH_TTL = Duration.ofDays(7);
    static final String API_TOKEN_PREFIX = "arus_";
    /** The claim with the user's token version at issue time. */
    static final String VERSION_CLAIM = "ver";
    private static final Logger LOG = LoggerFactory.getLogger(TokenService.class);
    private static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);

    private final UserStore users;
    private final ApiTokenStore apiTokens;
    private final RefreshTokenStore refreshTokens;
    private final PasswordHasher hasher;
    private final AuditLog audit;
    private final Hs256Jwt jwt;
    private final LoginRateLimiter limiter;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    /** Verified against when the username is unknown, so that both failures take the same time. */
    private final String decoyHash;

    @Activate
    public TokenService(@Reference UserStore users, @Reference ApiTokenStore apiTokens,
                        @Reference RefreshTokenStore refreshTokens, @Reference PasswordHasher hasher,
                        @Reference AuditLog audit, @Reference ServerKeys keys) {
        this(users, apiTokens, refreshTokens, hasher, audit, keys.signingKey(), Clock.systemUTC());
    }

    TokenService(UserStore users, ApiTokenStore apiTokens, RefreshTokenStore refreshTokens, PasswordHasher hasher,
                 AuditLog audit, byte[] signingKey, Clock clock) {
        this.users = users;
        this.apiTokens = apiTokens;
        this.refreshTokens = refreshTokens;
        this.hasher = hasher;
        this.audit = audit;
        this.jwt = new Hs256Jwt(signingKey);
        this.clock = clock;
        this.limiter = new LoginRateLimiter(10, Duration.ofMinutes(1), clock);
        this.decoyHash = hasher.hash(UUID.randomUUID().toString());
    }

    @Override
    public Optional<AuthenticatedUser> authenticate(String bearer) {
        if (bearer == null || bearer.isBlank()) {
            return Optional.empty();
        }
        if (bearer.startsWith(API_TOKEN_PREFIX)) {
            return authenticateApiToken(bearer);
        }
        return jwt.verify(bearer, clock.instant().getEpochSecond())
                .flatMap(claims -> users.byId(String.valueOf(claims.get("sub")))
                        .filter(user -> claims.get(VERSION_CLAIM) instanceof Number version
                                && version.longValue() == user.tokenVersion()))
                .map(user -> new AuthenticatedUser(user.id(), user.username(), user.role(), "jwt"));
    }

    private Optional<AuthenticatedUser> authenticateApiToken(String token) {
        Optional<ApiToken> found = apiTokens.byHash(sha256(token));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ApiToken record = found.get();
        Instant now = clock.instant();
        if (record.expiresAt() != null && !record.expiresAt().isAfter(now)) {
            return Optional.empty();
        }
        Optional<User> user = users.byId(record.userId());
        if (user.isPresent() && (record.lastUsedAt() == null || record.lastUsedAt().isBefore(now.minus(TOUCH_INTERVAL)))) {
            apiTokens.touch(record.id(), now);
        }
        return user.map(u -> new AuthenticatedUser(u.id(), u.username(), u.role(), "api_token"));
    }

    @Override
    public Session login(String username, String password, String clientAddress)
            throws AuthenticationException, RateLimitedException {
        // counted before the (slow) password check: parallel attempts cannot all pass before a failure is written
        long wait = limiter.attempt(clientAddress, username);
        if (wait > 0) {
            throw new RateLimitedException(wait);
        }
        Optional<User> user = username == null ? Optional.empty() : users.byUsername(username);
        boolean valid = hasher.verify(password == null ? "" : password, user.map(User::passwordHash).orElse(decoyHash))
                && user.isPresent();
        if (!valid) {
            audit.record(username == null ? "?" : username, "auth.login_failed", null, null, clientAddress);
            throw new AuthenticationException("wrong username or password");
        }
        limiter.succeeded(clientAddress, username);
        return audit.atomically(() -> {
            audit.record(user.get().username(), "auth.login", "user:" + user.get().id(), null, clientAddress);
            return issue(user.get(), UUID.randomUUID().toString());
        });
    }

    @Override
    public Session refresh(String refreshToken) throws AuthenticationException {
        Optional<RefreshToken> found = refreshToken == null ? Optional.empty() : refreshTokens.byHash(sha256(refreshToken));
        if (found.isEmpty()) {
            throw new AuthenticationException("unknown refresh token");
        }
        RefreshToken token = found.get();
        Instant now = clock.instant();
        if (token.revokedAt() != null) {
            // A used token came back: whoever holds the current one may be an attacker; end the whole session.
            refreshTokens.revokeFamily(token.familyId(), now);
            LOG.warn("a used refresh token was presented again for user {}; its session was revoked", token.userId());
            throw new AuthenticationException("refresh token already used; log in again");
        }
        if (!token.expiresAt().isAfter(now)) {
            throw new AuthenticationException("refresh token expired; log in again");
        }
        if (!refreshTokens.revoke(token.id(), now)) {
            refreshTokens.revokeFamily(token.familyId(), now);
            throw new AuthenticationException("refresh token already used; log in again");
        }
        User user = users.byId(token.userId()).orElseThrow(() -> new AuthenticationException("user no longer exists"));
        return issue(user, token.familyId());
    }

    @Override
    public void logout(String userId, String refreshToken) {
        Instant now = clock.instant();
        users.raiseTokenVersion(userId);
        if (refreshToken != null) {
            refreshTokens.byHash(sha256(refreshToken)).filter(t -> t.userId().equals(userId))
                    .ifPresent(t -> refreshTokens.revokeFamily(t.familyId(), now));
        } else {
            refreshTokens.revokeUser(userId, now);
        }
    }

    @Override
    public void endAll(String userId) {
        users.raiseTokenVersion(userId);
        refreshTokens.revokeUser(userId, clock.instant());
    }

    @Override
    public IssuedApiToken create(String userId, String name, Instant expiresAt) {
        String token = API_TOKEN_PREFIX + randomToken();
        ApiToken record = apiTokens.create(userId, name, token.substring(0, API_TOKEN_PREFIX.length() + 6),
                sha256(token), expiresAt);
        return new IssuedApiToken(token, record);
    }

    /**
     * A new session for a user whom an identity provider signed in (no password to check here). The caller writes
     * the audit entry in the same transaction.
     */
    Session open(User user) {
        return issue(user, UUID.randomUUID().toString());
    }

    private Session issue(User user, String familyId) {
        Instant now = clock.instant();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", "arus");
        claims.put("sub", user.id());
        claims.put("name", user.username());
        claims.put("role", user.role().id());
        claims.put(VERSION_CLAIM, user.tokenVersion());
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.plus(ACCESS_TTL).getEpochSecond());
        claims.put("jti", UUID.randomUUID().toString());
        String refresh = randomToken();
        refreshTokens.create(user.id(), familyId, sha256(refresh), now.plus(REFRESH_TTL));
        return new Session(jwt.sign(claims), refresh, ACCESS_TTL.toSeconds(), user);
    }

    private String randomToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The role claim as a role; used by tests that read a token. */
    static Role roleOf(Map<String, Object> claims) {
        return Role.parse(String.valueOf(claims.get("role")));
    }
}
