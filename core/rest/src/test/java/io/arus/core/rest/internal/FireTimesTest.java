package io.arus.core.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FireTimesTest {
    @Test
    void aFireTimeIsSaidInItsZoneWithTheOffsetOfThatDay() {
        assertThat(FireTimes.of(Instant.parse("2026-12-04T17:00:00Z"), "Europe/Berlin")).isEqualTo(Map.of(
                "at", "2026-12-04T18:00:00+01:00", "zone", "Europe/Berlin", "utc", "2026-12-04T17:00:00Z"));
        assertThat(FireTimes.of(Instant.parse("2026-07-04T16:00:00Z"), "Europe/Berlin").get("at"))
                .isEqualTo("2026-07-04T18:00:00+02:00");
        assertThat(FireTimes.of(Instant.parse("2026-12-04T17:00:00Z"), "UTC").get("at")).isEqualTo("2026-12-04T17:00:00Z");
    }
}
