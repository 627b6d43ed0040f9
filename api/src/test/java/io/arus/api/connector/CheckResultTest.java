package io.arus.api.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CheckResultTest {

    @Test
    void okCarriesTheServerVersion() {
        CheckResult result = CheckResult.ok("PostgreSQL 15.19");

        assertThat(result.ok()).isTrue();
        assertThat(result.message()).isEqualTo("PostgreSQL 15.19");
    }

    @Test
    void failedCarriesTheCause() {
        CheckResult result = CheckResult.failed("connection refused: is the server running on db:5432?");

        assertThat(result.ok()).isFalse();
        assertThat(result.message()).startsWith("connection refused");
    }

    @Test
    void needsAMessage() {
        assertThatThrownBy(() -> CheckResult.failed(null)).isInstanceOf(NullPointerException.class);
    }
}
