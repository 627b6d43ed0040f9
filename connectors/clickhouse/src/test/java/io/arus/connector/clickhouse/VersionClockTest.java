package io.arus.connector.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class VersionClockTest {
    @Test
    void versionsKeepRisingWhenTheClockStandsStillOrStepsBack() {
        Instant now = Instant.parse("2024-01-01T00:00:00Z");
        VersionClock stopped = new VersionClock(Clock.fixed(now, ZoneOffset.UTC));
        long first = stopped.reserve(10);
        assertThat(first).isEqualTo(now.getEpochSecond() * 1_000_000_000L);
        assertThat(stopped.reserve(1)).isEqualTo(first + 10);
        assertThat(stopped.reserve(5)).isEqualTo(first + 11);
    }

    @Test
    void theSystemClockGivesNanosecondsSince1970() {
        long version = VersionClock.SYSTEM.reserve(1);
        assertThat(version / 1_000_000_000L).isBetween(Instant.now().getEpochSecond() - 5, Instant.now().getEpochSecond() + 5);
    }
}
