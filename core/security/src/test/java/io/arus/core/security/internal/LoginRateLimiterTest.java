package io.arus.core.security.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginRateLimiterTest {
    private final MutableClock clock = new MutableClock();
    private final LoginRateLimiter limiter = new LoginRateLimiter(10, Duration.ofMinutes(1), clock);

    @Test
    void tenFailuresWithinAMinuteBlockTheAddressUntilTheOldestAges() {
        for (int i = 0; i < 10; i++) {
            assertThat(limiter.retryAfterSeconds("10.0.0.1")).isZero();
            limiter.failed("10.0.0.1");
            clock.advance(1_000);
        }
        assertThat(limiter.retryAfterSeconds("10.0.0.1")).isEqualTo(50);
        assertThat(limiter.retryAfterSeconds("10.0.0.2")).as("other addresses are not affected").isZero();

        clock.advance(50_000);
        assertThat(limiter.retryAfterSeconds("10.0.0.1")).isZero();
    }

    @Test
    void aSuccessfulLoginClearsTheCount() {
        for (int i = 0; i < 9; i++) {
            limiter.failed("10.0.0.1");
        }
        limiter.succeeded("10.0.0.1");
        limiter.failed("10.0.0.1");

        assertThat(limiter.retryAfterSeconds("10.0.0.1")).isZero();
    }

    private static final class MutableClock extends Clock {
        private long millis = 1_700_000_000_000L;

        void advance(long ms) {
            millis += ms;
        }

        @Override
        public long millis() {
            return millis;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
