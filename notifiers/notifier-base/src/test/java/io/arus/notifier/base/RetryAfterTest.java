package io.arus.notifier.base;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RetryAfterTest {
    private static final Clock NOW = Clock.fixed(Instant.parse("2025-03-14T09:00:00Z"), ZoneOffset.UTC);

    @Test
    void readsWholeAndFractionalSeconds() {
        assertThat(RetryAfter.parse("120", NOW)).contains(Duration.ofSeconds(120));
        assertThat(RetryAfter.parse(" 0.25 ", NOW)).contains(Duration.ofMillis(250));
    }

    @Test
    void readsAnHttpDate() {
        assertThat(RetryAfter.parse("Fri, 14 Mar 2025 09:01:30 GMT", NOW)).contains(Duration.ofSeconds(90));
        assertThat(RetryAfter.parse("Fri, 14 Mar 2025 08:00:00 GMT", NOW)).contains(Duration.ZERO);
    }

    @Test
    void ignoresAnythingElse() {
        assertThat(RetryAfter.parse("soon", NOW)).isEmpty();
        assertThat(RetryAfter.parse("-5", NOW)).isEmpty();
        assertThat(RetryAfter.parse("NaN", NOW)).isEmpty();
    }
}
