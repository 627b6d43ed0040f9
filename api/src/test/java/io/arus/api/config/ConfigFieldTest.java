package io.arus.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigFieldTest {

    @ParameterizedTest
    @ValueSource(strings = {"Host", "1x", "a-b", "", "_x", "ssl mode", "sslMode"})
    void rejectsANameThatIsNotSnakeCaseNamingIt(String name) {
        assertThatThrownBy(() -> ConfigField.builder(name, FieldType.STRING).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("config field name must be snake_case: " + name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"host", "ssl_mode", "x1", "a_b_c_2"})
    void acceptsSnakeCaseNames(String name) {
        assertThat(ConfigField.builder(name, FieldType.STRING).build().name()).isEqualTo(name);
    }

    @Test
    void rejectsAMissingNameOrType() {
        assertThatThrownBy(() -> ConfigField.builder(null, FieldType.STRING).build()).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> ConfigField.builder("host", null).build()).isInstanceOf(NullPointerException.class);
    }

    @Test
    void rejectsAnEnumWithoutOptions() {
        assertThatThrownBy(() -> ConfigField.builder("mode", FieldType.ENUM).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mode");
    }

    @Test
    void keepsTheOptionsOfAnEnumInOrder() {
        ConfigField mode = ConfigField.builder("mode", FieldType.ENUM).options("disable", "require", "verify-full").build();

        assertThat(mode.options()).containsExactly("disable", "require", "verify-full");
    }

    @Test
    void secretTypeImpliesSecret() {
        assertThat(ConfigField.builder("password", FieldType.SECRET).build().secret()).isTrue();
    }

    @Test
    void otherTypesAreSecretOnlyWhenMarked() {
        assertThat(ConfigField.builder("user", FieldType.STRING).build().secret()).isFalse();
        assertThat(ConfigField.builder("token", FieldType.STRING).secret().build().secret()).isTrue();
    }

    @Test
    void rejectsMinAboveMax() {
        assertThatThrownBy(() -> ConfigField.builder("rows", FieldType.INT).range(10, 1).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rows");
    }

    @Test
    void acceptsMinEqualToMax() {
        ConfigField field = ConfigField.builder("rows", FieldType.INT).range(5, 5).build();

        assertThat(field.min()).isEqualTo(5L);
        assertThat(field.max()).isEqualTo(5L);
    }

    @Test
    void fillsLabelHelpAndOptionsWhenLeftOut() {
        ConfigField field = ConfigField.builder("host", FieldType.HOST).build();

        assertThat(field.label()).isEqualTo("host");
        assertThat(field.help()).isEmpty();
        assertThat(field.options()).isEmpty();
        assertThat(field.min()).isNull();
        assertThat(field.max()).isNull();
        assertThat(field.required()).isFalse();
        assertThat(field.defaultValue()).isNull();
    }

    @Test
    void blankLabelFallsBackToTheName() {
        assertThat(ConfigField.builder("host", FieldType.HOST).label("  ").build().label()).isEqualTo("host");
    }

    @Test
    void builderCarriesEveryAttribute() {
        ConfigField field = ConfigField.builder("port", FieldType.PORT).label("Port").required().defaultValue(5432)
                .help("The TCP port.").range(1, 65_535).build();

        assertThat(field).isEqualTo(new ConfigField("port", FieldType.PORT, "Port", true, 5432, false, "The TCP port.",
                null, 1L, 65_535L));
    }

    @Test
    void hostsPortsAndUrlsBindSecretsAndOtherFieldsOnlyWhenMarked() {
        assertThat(ConfigField.builder("host", FieldType.HOST).build().bindsSecrets()).isTrue();
        assertThat(ConfigField.builder("port", FieldType.PORT).build().bindsSecrets()).isTrue();
        assertThat(ConfigField.builder("url", FieldType.URL).secret().build().bindsSecrets()).isTrue();
        assertThat(ConfigField.builder("database", FieldType.STRING).build().bindsSecrets()).isFalse();
        assertThat(ConfigField.builder("tls", FieldType.BOOLEAN).bindsSecrets().build().bindsSecrets()).isTrue();
        assertThat(new ConfigField("ssl_mode", FieldType.STRING, null, false, null, false, null, null, null, null)
                .bindsSecrets()).as("the constructor of 1.0").isFalse();
    }
}
