package io.arus.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigExceptionTest {

    @Test
    void messageListsEveryViolationInOrder() {
        ConfigException e = new ConfigException(List.of(new ConfigViolation("host", "is required"),
                new ConfigViolation("port", "must be at most 65535")));

        assertThat(e).hasMessage("invalid configuration: host: is required; port: must be at most 65535");
        assertThat(e.violations()).extracting(ConfigViolation::field).containsExactly("host", "port");
    }

    @Test
    void singleFieldConstructorMakesOneViolation() {
        ConfigException e = new ConfigException("uri", "cannot be combined with host");

        assertThat(e.violations()).containsExactly(new ConfigViolation("uri", "cannot be combined with host"));
        assertThat(e).hasMessage("invalid configuration: uri: cannot be combined with host");
    }

    @Test
    void needsAtLeastOneViolation() {
        assertThatThrownBy(() -> new ConfigException(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keepsItsOwnCopyOfTheViolations() {
        List<ConfigViolation> violations = new ArrayList<>(List.of(new ConfigViolation("host", "is required")));
        ConfigException e = new ConfigException(violations);
        violations.add(new ConfigViolation("port", "is required"));

        assertThat(e.violations()).hasSize(1);
    }

    @Test
    void violationNeedsFieldAndMessage() {
        assertThatThrownBy(() -> new ConfigViolation(null, "is required")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new ConfigViolation("host", null)).isInstanceOf(NullPointerException.class);
        assertThat(new ConfigViolation("host", "is required")).hasToString("host: is required");
    }
}
