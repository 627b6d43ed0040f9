package io.arus.core.service.internal;

import io.arus.api.config.ConfigViolation;
import io.arus.core.scheduler.ScheduleService;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;

/** The checks of a pipeline's {@code schedule}: a time zone Java knows, and a cron expression Quartz accepts. */
final class ScheduleChecks {
    private ScheduleChecks() {
    }

    /**
     * @param service  the scheduler, or null while it is away (the cron is then checked when it comes back)
     * @param timezone the schedule's zone, or null for UTC
     */
    static void check(ScheduleService service, String cron, String timezone, List<ConfigViolation> errors) {
        String zone = timezone == null ? ScheduleService.DEFAULT_TIMEZONE : timezone;
        try {
            ZoneId.of(zone);
        } catch (DateTimeException e) {
            errors.add(new ConfigViolation("schedule.timezone", "is not a time zone (e.g. UTC, Europe/Paris): " + zone));
            return;
        }
        if (service != null) {
            try {
                service.validate(cron, zone);
            } catch (IllegalArgumentException e) {
                errors.add(new ConfigViolation("schedule.cron", e.getMessage()));
            }
        }
    }
}
