package io.arus.core.security.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class LoginRateLimiterTest {
    private final MutableClock clock = new MutableClock();
    private final LoginRateLimiter limiter = new LoginRateLimiter(10, Duration.ofMinutes(1), clock);

    @Test
    void tenAttemptsWithinAMinuteBlockTheAddressUntilTheOldestAges() {
        for (int i = 0; i < 10; i++) {
            assertThat(limiter.attempt("10.0.0.1", "admin")).isZero();
            clock.advance(1_000);
        }
        assertThat(limiter.attempt("10.0.0.1", "admin")).isEqualTo(50);
        assertThat(limiter.attempt("10.0.0.2", "admin")).as("other addresses are not affected").isZero();

        clock.advance(50_000);
        assertThat(limiter.attempt("10.0.0.1", "admin")).isZero();
    }

    @Test
    void ofFortyParallelAttemptsExactlyTenAreCounted() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(40);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Long>> waits = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                waits.add(pool.submit(() -> {
                    start.await();
                    return limiter.attempt("10.0.0.1", "admin");
                }));
            }
            start.countDown();
            int admitted = 0;
            for (Future<Long> wait : waits) {
                admitted += wait.get() == 0 ? 1 : 0;
            }
            assertThat(admitted).isEqualTo(10);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aSuccessForOneAccountKeepsTheFailuresAgainstOthersFromThatAddress() {
        for (int i = 0; i < 9; i++) {
            assertThat(limiter.attempt("10.0.0.1", "bob")).isZero();
        }
        assertThat(limiter.attempt("10.0.0.1", "alice")).isZero();
        limiter.succeeded("10.0.0.1", "Alice");

        assertThat(limiter.attempt("10.0.0.1", "bob")).as("the tenth attempt against bob").isZero();
        assertThat(limiter.attempt("10.0.0.1", "bob")).as("bob's failures still count").isPositive();
    }

    @Test
    void aSuccessTakesBackTheAccountsOwnAttempts() {
        for (int i = 0; i < 9; i++) {
            limiter.attempt("10.0.0.1", "alice");
        }
        limiter.attempt("10.0.0.1", "alice");
        limiter.succeeded("10.0.0.1", "alice");

        for (int i = 0; i < 10; i++) {
            assertThat(limiter.attempt("10.0.0.1", "alice")).isZero();
        }
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
