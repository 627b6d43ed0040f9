package io.arus.core.scheduler.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class CronScheduleTest {
    @Test
    void acceptsQuartzExpressionsWithSecondsAndAnOptionalYear() {
        assertThat(CronSchedule.parse("*/3 * * * * ?", null).cron()).isEqualTo("*/3 * * * * ?");
        assertThat(CronSchedule.parse("0 30 2 ? * mon-fri", "Europe/Berlin").cron()).isEqualTo("0 30 2 ? * MON-FRI");
        assertThat(CronSchedule.parse(" 0 0 12 1 1 ? 2099 ", " UTC ").cron()).isEqualTo("0 0 12 1 1 ? 2099");
    }

    @Test
    void aScheduleWithoutTimeZoneRunsInUtc() {
        assertThat(CronSchedule.parse("0 0 * * * ?", null).zone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(CronSchedule.parse("0 0 * * * ?", " ").zone()).isEqualTo(ZoneId.of("UTC"));
    }

    @Test
    void aUnixCrontabLineIsRefusedWithTheQuartzFieldsSpelledOut() {
        assertThatThrownBy(() -> CronSchedule.parse("*/5 * * * *", null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has 5 fields (a Unix crontab line?)")
                .hasMessageContaining("seconds minutes hours day-of-month month day-of-week [year]");
    }

    @Test
    void aMalformedExpressionIsRefusedWithQuartzsReasonAndTheSyntax() {
        assertThatThrownBy(() -> CronSchedule.parse("0 0 25 * * ?", null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid cron expression \"0 0 25 * * ?\": ")
                .hasMessageContaining("Hour")
                .hasMessageContaining("e.g. \"0 30 2 * * ?\"");
        assertThatThrownBy(() -> CronSchedule.parse("0 0 2 * * *", null))
                .hasMessageContaining("day-of-week AND a day-of-month");
        assertThatThrownBy(() -> CronSchedule.parse("every day at noon", null))
                .hasMessageContaining("has 4 fields");
    }

    @Test
    void aMissingExpressionIsRefused() {
        assertThatThrownBy(() -> CronSchedule.parse(null, null)).hasMessageStartingWith("a cron expression is required");
        assertThatThrownBy(() -> CronSchedule.parse("  ", "UTC")).hasMessageStartingWith("a cron expression is required");
    }

    @Test
    void anExpressionThatNeverFiresAgainIsRefused() {
        assertThatThrownBy(() -> CronSchedule.parse("0 0 0 1 1 ? 2001", null))
                .hasMessage("cron expression \"0 0 0 1 1 ? 2001\" never fires again");
    }

    @Test
    void anUnknownTimeZoneIsRefusedWithAnExample() {
        assertThatThrownBy(() -> CronSchedule.parse("0 0 * * * ?", "Mars/Olympus"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown time zone \"Mars/Olympus\": use a region id such as Europe/Berlin or"
                        + " America/New_York, or UTC");
    }

    @Test
    void nextFireTimesComeStrictlyAfterTheStartInOrder() {
        assertThat(CronSchedule.parse("*/3 * * * * ?", null).next(Instant.parse("2025-01-01T00:00:00Z"), 3))
                .containsExactly(Instant.parse("2025-01-01T00:00:03Z"), Instant.parse("2025-01-01T00:00:06Z"),
                        Instant.parse("2025-01-01T00:00:09Z"));
    }

    @Test
    void hoursAndDaysCountInTheScheduleTimeZone() {
        CronSchedule berlin = CronSchedule.parse("0 30 2 * * ?", "Europe/Berlin");
        assertThat(berlin.next(Instant.parse("2025-01-10T00:00:00Z"), 2))
                .containsExactly(Instant.parse("2025-01-10T01:30:00Z"), Instant.parse("2025-01-11T01:30:00Z"));
        assertThat(berlin.next(Instant.parse("2025-07-01T00:00:00Z"), 1))
                .containsExactly(Instant.parse("2025-07-01T00:30:00Z"));

        // Friday 10:00 in New York: the next three weekdays at 09:00 there
        assertThat(CronSchedule.parse("0 0 9 ? * MON-FRI", "America/New_York")
                .next(Instant.parse("2025-01-10T15:00:00Z"), 3))
                .containsExactly(Instant.parse("2025-01-13T14:00:00Z"), Instant.parse("2025-01-14T14:00:00Z"),
                        Instant.parse("2025-01-15T14:00:00Z"));
    }

    @Test
    void noonStaysNoonAcrossTheDaylightSavingChange() {
        assertThat(CronSchedule.parse("0 0 12 * * ?", "Europe/Berlin").next(Instant.parse("2025-03-29T00:00:00Z"), 3))
                .containsExactly(Instant.parse("2025-03-29T11:00:00Z"), Instant.parse("2025-03-30T10:00:00Z"),
                        Instant.parse("2025-03-31T10:00:00Z"));
    }

    @Test
    void anExpressionWithAYearStopsFiring() {
        assertThat(CronSchedule.parse("0 0 0 1 1 ? 2099", null).next(Instant.parse("2025-01-01T00:00:00Z"), 3))
                .containsExactly(Instant.parse("2099-01-01T00:00:00Z"));
    }

    @Test
    void theCountIsBounded() {
        CronSchedule hourly = CronSchedule.parse("0 0 * * * ?", null);
        assertThat(hourly.next(Instant.EPOCH, 0)).isEmpty();
        assertThat(hourly.next(Instant.EPOCH, 1000)).hasSize(1000);
        assertThatThrownBy(() -> hourly.next(Instant.EPOCH, 1001)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> hourly.next(Instant.EPOCH, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
