package io.arus.core.security.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arus.core.store.Role;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OidcSettingsTest {
    @TempDir
    Path dir;

    final Map<String, String> env = new HashMap<>();

    Optional<OidcSettings> parse() {
        return OidcSettings.parse(name -> env.get(OidcSettings.variable(name)));
    }

    @Test
    void offWithoutAnIssuer() {
        assertThat(parse()).isEmpty();
        assertThat(OidcSettings.passwordLogin(name -> env.get(OidcSettings.variable(name)))).isTrue();
    }

    @Test
    void defaultsAndEveryVariable() throws Exception {
        env.put("ARUS_OIDC_ISSUER", "https://idp.example/realms/x");
        env.put("ARUS_OIDC_CLIENT_ID", "arus");
        Path secret = Files.writeString(dir.resolve("secret"), "s3cret-from-file\n");
        env.put("ARUS_OIDC_CLIENT_SECRET_FILE", secret.toString());

        OidcSettings defaults = parse().orElseThrow();
        assertThat(defaults.issuer()).isEqualTo(URI.create("https://idp.example/realms/x"));
        assertThat(defaults.clientSecret()).isEqualTo("s3cret-from-file");
        assertThat(defaults.name()).isEqualTo("idp.example");
        assertThat(defaults.roleClaim()).isEqualTo("groups");
        assertThat(defaults.roleMap()).isEmpty();
        assertThat(defaults.defaultRole()).contains(Role.VIEWER);
        assertThat(defaults.toString()).doesNotContain("s3cret");

        env.put("ARUS_OIDC_CLIENT_SECRET", "direct");
        env.put("ARUS_OIDC_NAME", "Keycloak");
        env.put("ARUS_OIDC_ROLE_CLAIM", "realm_access.roles");
        env.put("ARUS_OIDC_ROLE_MAP", "arus-admins=admin, data-eng=EDITOR");
        env.put("ARUS_OIDC_DEFAULT_ROLE", "none");
        env.put("ARUS_PASSWORD_LOGIN", "FALSE");
        OidcSettings all = parse().orElseThrow();
        assertThat(all.clientSecret()).isEqualTo("direct");
        assertThat(all.name()).isEqualTo("Keycloak");
        assertThat(all.roleClaim()).isEqualTo("realm_access.roles");
        assertThat(all.roleMap()).containsExactly(Map.entry("arus-admins", Role.ADMIN), Map.entry("data-eng", Role.EDITOR));
        assertThat(all.defaultRole()).isEmpty();
        assertThat(OidcSettings.passwordLogin(name -> env.get(OidcSettings.variable(name)))).isFalse();
    }

    @Test
    void namesTheWrongOrMissingVariable() {
        env.put("ARUS_OIDC_ISSUER", "ftp://idp.example");
        assertThatThrownBy(this::parse).hasMessageContaining("ARUS_OIDC_ISSUER");
        env.put("ARUS_OIDC_ISSUER", "https://idp.example");
        assertThatThrownBy(this::parse).hasMessage("ARUS_OIDC_CLIENT_ID is required with ARUS_OIDC_ISSUER");
        env.put("ARUS_OIDC_CLIENT_ID", "arus");
        assertThatThrownBy(this::parse).hasMessageContaining("ARUS_OIDC_CLIENT_SECRET");
        env.put("ARUS_OIDC_CLIENT_SECRET", "s");
        env.put("ARUS_OIDC_ROLE_MAP", "admins");
        assertThatThrownBy(this::parse).hasMessageContaining("ARUS_OIDC_ROLE_MAP: 'admins' is not value=role");
        env.put("ARUS_OIDC_ROLE_MAP", "admins=root");
        assertThatThrownBy(this::parse).hasMessageContaining("'root' is not viewer, editor or admin");
        env.put("ARUS_OIDC_ROLE_MAP", "admins=admin");
        env.put("ARUS_OIDC_DEFAULT_ROLE", "guest");
        assertThatThrownBy(this::parse).hasMessageContaining("ARUS_OIDC_DEFAULT_ROLE");
    }

    @Test
    void theHighestMappedValueOfAStringOrListClaimWins() {
        Map<String, Role> map = OidcSettings.roleMap("arus-admins=admin,data-eng=editor,readers=viewer");
        Optional<Role> viewer = Optional.of(Role.VIEWER);

        assertThat(RoleClaim.role(Map.of("groups", List.of("readers", "data-eng")), "groups", map, viewer)).contains(Role.EDITOR);
        assertThat(RoleClaim.role(Map.of("groups", List.of("data-eng", "arus-admins")), "groups", map, viewer)).contains(Role.ADMIN);
        assertThat(RoleClaim.role(Map.of("groups", "data-eng"), "groups", map, Optional.empty())).contains(Role.EDITOR);
        assertThat(RoleClaim.role(Map.of("groups", List.of("other")), "groups", map, viewer)).contains(Role.VIEWER);
        assertThat(RoleClaim.role(Map.of("groups", List.of("other")), "groups", map, Optional.empty())).isEmpty();
        assertThat(RoleClaim.role(Map.of(), "groups", map, Optional.empty())).isEmpty();
        assertThat(RoleClaim.role(Map.of("realm_access", Map.of("roles", List.of("arus-admins"))), "realm_access.roles",
                map, Optional.empty())).contains(Role.ADMIN);
    }

    @Test
    void usernamesKeepOnlyWhatTheUsersApiAccepts() {
        assertThat(Usernames.clean("alice@example.com", "s", 60)).isEqualTo("alice@example.com");
        assertThat(Usernames.clean("  Jörg Müller", "s", 60)).isEqualTo("J_rg_M_ller");
        assertThat(Usernames.clean("----", "sub-1", 60)).startsWith("user-");
        assertThat(Usernames.clean("a".repeat(100), "s", 60)).hasSize(60);
    }
}
