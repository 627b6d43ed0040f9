package io.arus.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigTest {
    private static final String PASSWORD = "pa55-w0rd-never-shown";
    private static final String TOKEN = "tok-8f3a9c1e-never-shown";

    private static final ConfigSpec SPEC = ConfigSpec.of(
            ConfigField.builder("host", FieldType.HOST).required().build(),
            ConfigField.builder("port", FieldType.PORT).defaultValue(5432).build(),
            ConfigField.builder("password", FieldType.SECRET).build(),
            ConfigField.builder("api_token", FieldType.STRING).secret().build(),
            ConfigField.builder("ssl", FieldType.BOOLEAN).defaultValue(true).build(),
            ConfigField.builder("tables", FieldType.LIST).build());

    private static Config withSecrets() {
        return Config.of(SPEC, Map.of("host", "db.example.com", "password", PASSWORD, "api_token", TOKEN));
    }

    @Test
    void appliesDefaultsForAbsentFields() {
        Config config = Config.of(SPEC, Map.of("host", "db.example.com"));

        assertThat(config.has("port")).isTrue();
        assertThat(config.integer("port", 0)).isEqualTo(5432);
        assertThat(config.bool("ssl", false)).isTrue();
        assertThat(config.has("password")).isFalse();
    }

    @Test
    void givenValueWinsOverTheDefault() {
        Config config = Config.of(SPEC, Map.of("host", "db", "port", 6432));

        assertThat(config.integer("port", 0)).isEqualTo(6432);
    }

    @Test
    void keepsOnlyFieldsOfTheSpec() {
        Config config = Config.of(SPEC, Map.of("host", "db", "stray", "x"));

        assertThat(config.has("stray")).isFalse();
        assertThat(config.values()).doesNotContainKey("stray");
        assertThat(config.spec()).isSameAs(SPEC);
    }

    @Test
    void valuesCannotBeModified() {
        Config config = Config.of(SPEC, Map.of("host", "db"));

        assertThatThrownBy(() -> config.values().put("host", "other")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void stringAccessorsReturnTheValueOrTheFallback() {
        Config config = Config.of(SPEC, Map.of("host", "db.example.com"));

        assertThat(config.string("host")).isEqualTo("db.example.com");
        assertThat(config.string("password")).isNull();
        assertThat(config.string("password", "none")).isEqualTo("none");
        assertThat(config.string("port")).isEqualTo("5432");
    }

    @Test
    void numberAccessorsReadNumbersAndNumericText() {
        ConfigSpec spec = ConfigSpec.of(ConfigField.builder("rows", FieldType.INT).build(),
                ConfigField.builder("big", FieldType.INT).build());

        assertThat(Config.of(spec, Map.of("rows", 7L)).integer("rows", 0)).isEqualTo(7);
        assertThat(Config.of(spec, Map.of("rows", "12")).number("rows", 0)).isEqualTo(12L);
        assertThat(Config.of(spec, Map.of()).number("rows", 99)).isEqualTo(99L);
        assertThat(Config.of(spec, Map.of("big", 5_000_000_000L)).number("big", 0)).isEqualTo(5_000_000_000L);
    }

    @Test
    void integerAccessorRefusesAValueBeyondIntRange() {
        Config config = Config.of(ConfigSpec.of(ConfigField.builder("big", FieldType.INT).build()),
                Map.of("big", 5_000_000_000L));

        assertThatThrownBy(() -> config.integer("big", 0)).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void boolAccessorReadsBooleansAndText() {
        assertThat(Config.of(SPEC, Map.of("ssl", false)).bool("ssl", true)).isFalse();
        assertThat(Config.of(SPEC, Map.of("ssl", "false")).bool("ssl", true)).isFalse();
        assertThat(Config.of(ConfigSpec.EMPTY, Map.of()).bool("ssl", true)).isTrue();
    }

    @Test
    void listAccessorReturnsStringsASingletonOrEmpty() {
        assertThat(Config.of(SPEC, Map.of("tables", List.of("orders", 42))).list("tables"))
                .containsExactly("orders", "42");
        assertThat(Config.of(SPEC, Map.of("tables", "orders")).list("tables")).containsExactly("orders");
        assertThat(Config.of(SPEC, Map.of()).list("tables")).isEmpty();
    }

    @Test
    void secretsAreInClearTextForThePlugin() {
        Config config = withSecrets();

        assertThat(config.string("password")).isEqualTo(PASSWORD);
        assertThat(config.string("api_token")).isEqualTo(TOKEN);
    }

    @Test
    void maskedReplacesEverySecretAndKeepsTheRest() {
        Map<String, Object> masked = withSecrets().masked();

        assertThat(masked).containsEntry("password", Config.MASK)
                .containsEntry("api_token", Config.MASK)
                .containsEntry("host", "db.example.com")
                .containsEntry("port", 5432);
        assertThat(masked.values()).doesNotContain(PASSWORD, TOKEN);
    }

    @Test
    void maskedDoesNotInventAbsentSecrets() {
        assertThat(Config.of(SPEC, Map.of("host", "db")).masked()).doesNotContainKeys("password", "api_token");
    }

    @Test
    void toStringNeverContainsASecretValue() {
        String text = withSecrets().toString();

        assertThat(text).doesNotContain(PASSWORD).doesNotContain(TOKEN)
                .contains("password=" + Config.MASK).contains("api_token=" + Config.MASK)
                .contains("host=db.example.com");
    }

    @Test
    void aSecretDefaultIsMaskedToo() {
        ConfigSpec spec = ConfigSpec.of(ConfigField.builder("key", FieldType.SECRET).defaultValue("default-key-xyz").build());
        Config config = Config.of(spec, Map.of());

        assertThat(config.string("key")).isEqualTo("default-key-xyz");
        assertThat(config.toString()).doesNotContain("default-key-xyz");
    }
}
