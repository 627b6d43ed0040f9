package io.arus.core.security.internal;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import io.arus.core.security.OidcRedirect;
import io.arus.core.security.OidcSignIn;
import io.arus.core.security.SecretBox;
import io.arus.core.security.Session;
import io.arus.core.security.SignInRefusedException;
import io.arus.core.store.AuditLog;
import io.arus.core.store.ConflictException;
import io.arus.core.store.Role;
import io.arus.core.store.User;
import io.arus.core.store.UserStore;
import java.io.IOException;
import java.net.URI;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The authorization-code flow with PKCE (S256) against the provider of {@link OidcSettings}. Discovery happens at the
 * first sign-in (and again after a failure), so Arus starts while the provider is down. A user is found by the
 * provider's issuer and subject, so a new username or e-mail at the provider keeps the account; a new one is
 * provisioned at the first sign-in; the role follows the mapped claim at every sign-in.
 */
@Component(service = OidcSignIn.class)
public final class OidcSignInService implements OidcSignIn {
    static final Duration FLOW_TTL = Duration.ofMinutes(10);
    private static final Logger LOG = LoggerFactory.getLogger(OidcSignInService.class);
    private static final int TIMEOUT_MS = 5_000;
    private static final int MAX_USERNAME = 64;

    private final Optional<OidcSettings> settings;
    private final String settingsError;
    private final boolean passwordLogin;
    private final SecretBox box;
    private final UserStore users;
    private final AuditLog audit;
    private final TokenService tokens;
    private final Clock clock;
    private volatile Provider provider;

    /** What discovery found, kept after the first success. */
    record Provider(OIDCProviderMetadata metadata, IdTokenCheck idTokens) {
    }

    @Activate
    public OidcSignInService(BundleContext context, @Reference SecretBox box, @Reference UserStore users,
                             @Reference AuditLog audit, @Reference TokenService tokens) {
        this(name -> {
            String property = context.getProperty(name);
            return property != null ? property : System.getenv(OidcSettings.variable(name));
        }, box, users, audit, tokens, Clock.systemUTC());
    }

    OidcSignInService(java.util.function.UnaryOperator<String> setting, SecretBox box, UserStore users, AuditLog audit,
                      TokenService tokens, Clock clock) {
        this.box = box;
        this.users = users;
        this.audit = audit;
        this.tokens = tokens;
        this.clock = clock;
        this.passwordLogin = OidcSettings.passwordLogin(setting);
        Optional<OidcSettings> parsed;
        String error = null;
        try {
            parsed = OidcSettings.parse(setting);
        } catch (IllegalArgumentException e) {
            // a wrong setting must not stop the server (password login, API tokens): sign-in says what is wrong
            parsed = Optional.empty();
            error = e.getMessage();
            LOG.error("OpenID Connect sign-in is off: {}", error);
        }
        this.settings = parsed;
        this.settingsError = error;
        parsed.ifPresent(s -> LOG.info("OpenID Connect sign-in with {} ({}), client id {}", s.name(), s.issuer(), s.clientId()));
        if (!passwordLogin) {
            LOG.info("password login is off (ARUS_PASSWORD_LOGIN=false){}", parsed.isPresent() ? ""
                    : "; no OpenID provider is configured either: only API tokens work");
        }
    }

    @Override
    public Optional<String> providerName() {
        return settings.map(OidcSettings::name);
    }

    @Override
    public boolean passwordLogin() {
        return passwordLogin;
    }

    @Override
    public OidcRedirect start(URI redirectUri) throws SignInRefusedException {
        OidcSettings config = configured();
        Provider found = provider(config);
        State state = new State();
        Nonce nonce = new Nonce();
        CodeVerifier verifier = new CodeVerifier();
        URI location = new AuthenticationRequest.Builder(ResponseType.CODE, new Scope("openid", "profile", "email"),
                new ClientID(config.clientId()), redirectUri)
                .endpointURI(found.metadata().getAuthorizationEndpointURI())
                .state(state)
                .nonce(nonce)
                .codeChallenge(verifier, CodeChallengeMethod.S256)
                .build().toURI();
        long expiresAt = clock.instant().plus(FLOW_TTL).getEpochSecond();
        String sealed = new OidcFlowState(state.getValue(), nonce.getValue(), verifier.getValue(), expiresAt).seal(box);
        return new OidcRedirect(location, sealed, FLOW_TTL.toSeconds());
    }

    @Override
    public Session finish(String flowState, URI redirectUri, String code, String state, String clientAddress)
            throws SignInRefusedException {
        OidcSettings config = configured();
        OidcFlowState flow = OidcFlowState.open(box, flowState, clock.instant());
        if (state == null || !MessageDigest.isEqual(state.getBytes(StandardCharsets.UTF_8),
                flow.state().getBytes(StandardCharsets.UTF_8))) {
            throw new SignInRefusedException("the provider's answer does not belong to the sign-in this browser started"
                    + " (state differs): start again");
        }
        if (code == null || code.isBlank()) {
            throw new SignInRefusedException("the provider sent no authorization code");
        }
        Provider found = provider(config);
        String idToken = exchange(config, found, code, redirectUri, flow.verifier());
        Map<String, Object> claims = found.idTokens().validate(idToken, flow.nonce());
        Optional<Role> role = RoleClaim.role(claims, config.roleClaim(), config.roleMap(), config.defaultRole());
        String subject = String.valueOf(claims.get("sub"));
        String issuer = found.metadata().getIssuer().getValue();
        if (role.isEmpty()) {
            audit.record(displayName(claims), "auth.oidc_refused", null,
                    "no role: claim " + config.roleClaim() + " holds no mapped value", clientAddress);
            throw new SignInRefusedException("your account at " + config.name() + " has no role in Arus (claim '"
                    + config.roleClaim() + "' holds no mapped value): ask an administrator");
        }
        return signIn(issuer, subject, claims, role.get(), clientAddress);
    }

    private Session signIn(String issuer, String subject, Map<String, Object> claims, Role role, String clientAddress)
            throws SignInRefusedException {
        for (int attempt = 0; attempt < 5; attempt++) {
            Optional<User> existing = users.byIdentity(issuer, subject);
            if (existing.isPresent()) {
                User user = existing.get();
                return audit.atomically(() -> {
                    User current = user;
                    String detail = "via " + issuer;
                    if (user.role() != role) {
                        current = users.update(user.id(), null, role).orElse(user);
                        detail += "; role " + role.id() + " (was " + user.role().id() + ")";
                    }
                    audit.record(current.username(), "auth.oidc_login", "user:" + current.id(), detail, clientAddress);
                    return tokens.open(current);
                });
            }
            String username = freeUsername(claims, subject);
            try {
                return audit.atomically(() -> {
                    User created = users.createLinked(username, role, issuer, subject);
                    audit.record("system", "user.create", "user:" + created.id(),
                            "first sign-in via " + issuer + " as " + role.id(), clientAddress);
                    audit.record(created.username(), "auth.oidc_login", "user:" + created.id(), "via " + issuer,
                            clientAddress);
                    return tokens.open(created);
                });
            } catch (ConflictException e) {
                // another node provisioned the same identity, or took the name, in the meantime: look again
                LOG.debug("provisioning {} raced another sign-in; retrying", username);
            }
        }
        throw new SignInRefusedException("your account could not be created: its username stays taken");
    }

    /** preferred_username, else email, else sub; made unique with -2, -3 ... when another account has it. */
    private String freeUsername(Map<String, Object> claims, String subject) {
        String base = Usernames.clean(displayName(claims), subject, MAX_USERNAME - 4);
        if (users.byUsername(base).isEmpty()) {
            return base;
        }
        for (int n = 2; n < 1000; n++) {
            String candidate = base + "-" + n;
            if (users.byUsername(candidate).isEmpty()) {
                return candidate;
            }
        }
        return base + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    }

    private static String displayName(Map<String, Object> claims) {
        for (String claim : List.of("preferred_username", "email", "sub")) {
            if (claims.get(claim) instanceof String text && !text.isBlank()) {
                return text;
            }
        }
        return "?";
    }

    private String exchange(OidcSettings config, Provider found, String code, URI redirectUri, String verifier)
            throws SignInRefusedException {
        ClientID clientId = new ClientID(config.clientId());
        Secret secret = new Secret(config.clientSecret());
        List<ClientAuthenticationMethod> methods = found.metadata().getTokenEndpointAuthMethods();
        // client_secret_basic is the default of the specification; post only when the provider offers nothing else
        ClientAuthentication authentication = methods != null && !methods.contains(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                && methods.contains(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                ? new ClientSecretPost(clientId, secret) : new ClientSecretBasic(clientId, secret);
        TokenRequest request = new TokenRequest(found.metadata().getTokenEndpointURI(), authentication,
                new AuthorizationCodeGrant(new AuthorizationCode(code), redirectUri, new CodeVerifier(verifier)));
        TokenResponse response;
        try {
            HTTPRequest http = request.toHTTPRequest();
            http.setConnectTimeout(TIMEOUT_MS);
            http.setReadTimeout(TIMEOUT_MS);
            response = OIDCTokenResponseParser.parse(http.send());
        } catch (IOException e) {
            throw new SignInRefusedException("the provider's token endpoint does not answer: " + e.getClass().getSimpleName());
        } catch (ParseException e) {
            throw new SignInRefusedException("the provider's token endpoint answered something that is not a token response");
        }
        if (!response.indicatesSuccess()) {
            ErrorObject error = response.toErrorResponse().getErrorObject();
            throw new SignInRefusedException("the provider refused the authorization code: " + error.getCode()
                    + (error.getDescription() == null ? "" : " (" + error.getDescription() + ")"));
        }
        if (!(response instanceof OIDCTokenResponse oidc) || oidc.getOIDCTokens().getIDToken() == null) {
            throw new SignInRefusedException("the provider's token response holds no ID token");
        }
        return oidc.getOIDCTokens().getIDTokenString();
    }

    private OidcSettings configured() throws SignInRefusedException {
        if (settings.isEmpty()) {
            throw new SignInRefusedException(settingsError != null ? "OpenID Connect sign-in is misconfigured: " + settingsError
                    : "no OpenID provider is configured (ARUS_OIDC_ISSUER)");
        }
        return settings.get();
    }

    private Provider provider(OidcSettings config) throws SignInRefusedException {
        Provider found = provider;
        if (found != null) {
            return found;
        }
        OIDCProviderMetadata metadata;
        try {
            metadata = OIDCProviderMetadata.resolve(new Issuer(config.issuer()), TIMEOUT_MS, TIMEOUT_MS);
        } catch (IOException e) {
            LOG.warn("OpenID discovery at {} failed: {}", config.issuer(), e.toString());
            throw new SignInRefusedException("the provider " + config.name() + " does not answer its discovery document ("
                    + e.getClass().getSimpleName() + ")");
        } catch (com.nimbusds.oauth2.sdk.GeneralException e) {
            LOG.warn("OpenID discovery at {} failed: {}", config.issuer(), e.getMessage());
            throw new SignInRefusedException("the provider " + config.name() + "'s discovery document is not valid: "
                    + e.getMessage());
        }
        if (metadata.getJWKSetURI() == null || metadata.getTokenEndpointURI() == null) {
            throw new SignInRefusedException("the provider " + config.name() + " names no JWKS or token endpoint");
        }
        List<JWSAlgorithm> algorithms = metadata.getIDTokenJWSAlgs();
        JWSAlgorithm algorithm = algorithms == null || algorithms.isEmpty() || algorithms.contains(JWSAlgorithm.RS256)
                ? JWSAlgorithm.RS256 : algorithms.get(0);
        try {
            found = new Provider(metadata, new IdTokenCheck(metadata.getIssuer().getValue(), config.clientId(), algorithm,
                    metadata.getJWKSetURI().toURL()));
        } catch (java.net.MalformedURLException e) {
            throw new SignInRefusedException("the provider's JWKS address is not a URL");
        }
        provider = found;
        return found;
    }
}
