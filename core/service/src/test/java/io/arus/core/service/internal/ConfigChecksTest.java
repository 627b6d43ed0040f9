package io.arus.core.service.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.arus.api.config.ConfigField;
import io.arus.api.config.ConfigSpec;
import io.arus.api.config.ConfigViolation;
import io.arus.api.config.FieldType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigChecksTest {
    private static final ConfigSpec SPEC = ConfigSpec.of(
            ConfigField.builder("host", FieldType.HOST).required().build(),
            ConfigField.builder("database", FieldType.STRING).build(),
            ConfigField.builder("query", FieldType.TEXT).build(),
            ConfigField.builder("tables", FieldType.LIST).build(),
            ConfigField.builder("password", FieldType.SECRET).build());

    @Test
    void refusesConfigStringsLongerThanTheirKindAllowsNamingEachField() {
        List<ConfigViolation> refused = ConfigChecks.violations(SPEC, Map.of(
                "host", "h".repeat(254), "database", "d".repeat(1_001), "tables", List.of("t".repeat(1_001))));

        assertThat(refused).extracting(ConfigViolation::field)
                .containsExactlyInAnyOrder("config.host", "config.database", "config.tables");
        assertThat(refused).anySatisfy(e -> assertThat(e.message()).isEqualTo("must be at most 1000 characters"));
    }

    @Test
    void acceptsValuesWithinTheirMaxima() {
        assertThat(ConfigChecks.violations(SPEC, Map.of("host", "db.example.com", "database", "d".repeat(1_000),
                "query", "select 1 -- " + "x".repeat(100_000)))).isEmpty();
    }

    @Test
    void refusesASecretReferenceToAnArusVariableNamingTheField() {
        List<ConfigViolation> refused = ConfigChecks.violations(SPEC, Map.of("host", "db",
                "password", "${env:ARUS_ADMIN_PASSWORD}"));

        assertThat(refused).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("config.password");
            assertThat(v.message()).contains("ARUS_");
        });
    }

    @Test
    void acceptsASecretReferenceToAnOrdinaryVariable() {
        assertThat(ConfigChecks.violations(SPEC, Map.of("host", "db", "password", "${env:PGPASSWORD}"))).isEmpty();
    }

    @Test
    void aSecretUrlHeldAsAReferenceIsCheckedWhenResolvedNotAsAUrlNow() {
        ConfigSpec webhook = ConfigSpec.of(ConfigField.builder("url", FieldType.URL).required().secret().build());

        assertThat(ConfigChecks.violations(webhook, Map.of("url", "${env:HOOK_URL}"))).isEmpty();
        assertThat(ConfigChecks.violations(webhook, Map.of("url", "not a url"))).extracting(ConfigViolation::field)
                .containsExactly("config.url");
        assertThat(ConfigChecks.violations(webhook, Map.of("url", "${env:ARUS_MASTER_KEY}")))
                .singleElement().satisfies(v -> assertThat(v.message()).contains("ARUS_"));
    }
}
