package io.arus.core.security.internal;

import io.arus.core.store.Role;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The OpenID Connect settings: each one a framework property ({@code arus.oidc.issuer}) or else an environment
 * variable ({@code ARUS_OIDC_ISSUER}), like the other settings of the security bundle.
 *
 * @param issuer        the provider's issuer URL; discovery reads {@code <issuer>/.well-known/openid-configuration}
 * @param clientId      Arus's client id at the provider
 * @param clientSecret  its client secret (never logged: {@link #toString()} leaves it out)
 * @param name          the provider's name on the "Sign in with ..." button
 * @param roleClaim     the claim that holds the user's groups or roles: a string or a list; a dotted path reads a
 *                      nested claim ({@code realm_access.roles})
 * @param roleMap       claim value to role
 * @param defaultRole   the role of a user none of whose values is mapped, or empty to refuse such users
 */
record OidcSettings(URI issuer, String clientId, String clientSecret, String name, String roleClaim,
                    Map<String, Role> roleMap, Optional<Role> defaultRole) {
    static final String DEFAULT_ROLE_CLAIM = "groups";

    /**
     * @param setting a lookup of one setting by its framework property name ({@code arus.oidc.issuer}); the
     *                component passes the property, else the environment variable
     * @return the settings, or empty when no issuer is configured (OIDC sign-in off)
     * @throws IllegalArgumentException naming the variable that is wrong or missing
     */
    static Optional<OidcSettings> parse(UnaryOperator<String> setting) {
        String issuer = blankToNull(setting.apply("arus.oidc.issuer"));
        if (issuer == null) {
            return Optional.empty();
        }
        URI issuerUri;
        try {
            issuerUri = URI.create(issuer);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("ARUS_OIDC_ISSUER is not a URL");
        }
        if (!("https".equals(issuerUri.getScheme()) || "http".equals(issuerUri.getScheme())) || issuerUri.getHost() == null) {
            throw new IllegalArgumentException("ARUS_OIDC_ISSUER must be an http(s) URL, not '" + issuer + "'");
        }
        String clientId = required(setting, "arus.oidc.client.id", "ARUS_OIDC_CLIENT_ID");
        String secret = blankToNull(setting.apply("arus.oidc.client.secret"));
        String secretFile = blankToNull(setting.apply("arus.oidc.client.secret.file"));
        if (secret == null && secretFile != null) {
            try {
                secret = blankToNull(Files.readString(Path.of(secretFile), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new IllegalArgumentException("ARUS_OIDC_CLIENT_SECRET_FILE cannot be read: " + e.getClass().getSimpleName());
            }
        }
        if (secret == null) {
            throw new IllegalArgumentException("ARUS_OIDC_CLIENT_SECRET (or ARUS_OIDC_CLIENT_SECRET_FILE) is required"
                    + " with ARUS_OIDC_ISSUER");
        }
        String name = Optional.ofNullable(blankToNull(setting.apply("arus.oidc.name"))).orElse(issuerUri.getHost());
        String claim = Optional.ofNullable(blankToNull(setting.apply("arus.oidc.role.claim"))).orElse(DEFAULT_ROLE_CLAIM);
        Map<String, Role> roleMap = roleMap(blankToNull(setting.apply("arus.oidc.role.map")));
        String defaultRole = Optional.ofNullable(blankToNull(setting.apply("arus.oidc.default.role"))).orElse("viewer");
        Optional<Role> fallback;
        if ("none".equalsIgnoreCase(defaultRole)) {
            fallback = Optional.empty();
        } else {
            try {
                fallback = Optional.of(Role.parse(defaultRole));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("ARUS_OIDC_DEFAULT_ROLE must be viewer, editor, admin or none, not '"
                        + defaultRole + "'");
            }
        }
        return Optional.of(new OidcSettings(issuerUri, clientId, secret, name, claim, roleMap, fallback));
    }

    /** {@code arus-admins=admin,data-eng=editor}: claim value to role, in order. */
    static Map<String, Role> roleMap(String text) {
        Map<String, Role> map = new LinkedHashMap<>();
        if (text == null) {
            return map;
        }
        for (String entry : text.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            int equals = entry.lastIndexOf('=');
            if (equals <= 0 || equals == entry.length() - 1) {
                throw new IllegalArgumentException("ARUS_OIDC_ROLE_MAP: '" + entry.trim() + "' is not value=role");
            }
            String role = entry.substring(equals + 1).trim().toLowerCase(Locale.ROOT);
            try {
                map.put(entry.substring(0, equals).trim(), Role.parse(role));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("ARUS_OIDC_ROLE_MAP: '" + role + "' is not viewer, editor or admin");
            }
        }
        return map;
    }

    /** {@code ARUS_PASSWORD_LOGIN}: anything but false (any case) keeps password login on. */
    static boolean passwordLogin(UnaryOperator<String> setting) {
        String value = blankToNull(setting.apply("arus.password.login"));
        return value == null || !"false".equalsIgnoreCase(value);
    }

    /** @return the environment variable of a property name: {@code arus.oidc.client.id} becomes {@code ARUS_OIDC_CLIENT_ID} */
    static String variable(String property) {
        return property.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    private static String required(UnaryOperator<String> setting, String property, String variable) {
        String value = blankToNull(setting.apply(property));
        if (value == null) {
            throw new IllegalArgumentException(variable + " is required with ARUS_OIDC_ISSUER");
        }
        return value;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    @Override
    public String toString() {
        // the generated toString would print the client secret
        return "OidcSettings[issuer=" + issuer + ", clientId=" + clientId + ", name=" + name + ", roleClaim=" + roleClaim
                + ", roleMap=" + roleMap + ", defaultRole=" + defaultRole.map(Role::id).orElse("none") + "]";
    }
}
