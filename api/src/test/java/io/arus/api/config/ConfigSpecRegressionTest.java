package io.arus.api.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Inputs that once slipped through validation. */
class ConfigSpecRegressionTest {
    private final ConfigSpec spec = ConfigSpec.of(
            ConfigField.builder("host", FieldType.HOST).build(),
            ConfigField.builder("port", FieldType.PORT).defaultValue(5432).build(),
            ConfigField.builder("rows", FieldType.INT).build(),
            ConfigField.builder("url", FieldType.URL).build());

    @Test
    void emptyStringForAFieldWithADefaultResolvesToTheDefault() throws ConfigException {
        assertThat(spec.resolve(Map.of("port", "")).integer("port", 0)).isEqualTo(5432);
        assertThat(spec.resolve(Map.of("host", "")).has("host")).isFalse();
    }

    @Test
    void rejectsAWholeNumberBeyondTheLongRange() {
        BigInteger wraps = BigInteger.TWO.pow(64).add(BigInteger.valueOf(5432));

        assertThat(spec.validate(Map.of("port", wraps))).extracting(ConfigViolation::field).containsExactly("port");
        assertThat(spec.validate(Map.of("rows", new BigDecimal("1e30")))).extracting(ConfigViolation::field)
                .containsExactly("rows");
        assertThat(spec.validate(Map.of("rows", 1e30))).extracting(ConfigViolation::field).containsExactly("rows");
        assertThat(spec.validate(Map.of("rows", new BigDecimal("12.0"), "port", BigInteger.valueOf(5433)))).isEmpty();
    }

    @Test
    void hostWithAPortIsRejectedButIpv6IsNot() {
        assertThat(spec.validate(Map.of("host", "db:5432"))).extracting(ConfigViolation::field).containsExactly("host");
        assertThat(spec.validate(Map.of("host", "::1"))).isEmpty();
        assertThat(spec.validate(Map.of("host", "[fe80::1]"))).isEmpty();
        assertThat(spec.validate(Map.of("host", "fe80::1%eth0"))).isEmpty();
    }

    @Test
    void urlWhoseHostHasAnUnderscoreIsAccepted() {
        assertThat(spec.validate(Map.of("url", "http://my_host:8080/hook"))).isEmpty();
        assertThat(spec.validate(Map.of("url", "/relative/path"))).extracting(ConfigViolation::field)
                .containsExactly("url");
    }
}
