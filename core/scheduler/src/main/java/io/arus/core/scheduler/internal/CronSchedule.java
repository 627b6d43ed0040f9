package io.arus.core.scheduler.internal;

import io.arus.core.scheduler.ScheduleService;
import java.text.ParseException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;
import org.quartz.CronExpression;

/**
 * A checked schedule: a Quartz cron expression and its time zone. Quartz's own messages name the offending field
 * but not the syntax; {@link #parse} adds what a user needs to fix the expression.
 *
 * @param cron the expression as Quartz normalizes it (upper case)
 * @param zone where its hours and days are counted
 */
record CronSchedule(String cron, ZoneId zone) {
    static final String SYNTAX = "a Quartz cron expression has 6 or 7 fields: seconds minutes hours day-of-month month"
            + " day-of-week [year], with ? in day-of-month or day-of-week, e.g. \"0 30 2 * * ?\" (every day at 02:30)";
    static final int MAX_COUNT = 1000;

    /**
     * @param timezone null or blank for {@link ScheduleService#DEFAULT_TIMEZONE}
     * @throws IllegalArgumentException with a message a user can act on
     */
    static CronSchedule parse(String cron, String timezone) {
        ZoneId zone = zone(timezone);
        if (cron == null || cron.isBlank()) {
            throw new IllegalArgumentException("a cron expression is required; " + SYNTAX);
        }
        String trimmed = cron.strip();
        int fields = trimmed.split("\\s+").length;
        if (fields < 6 || fields > 7) {
            throw new IllegalArgumentException("cron expression \"" + trimmed + "\" has " + fields + " field"
                    + (fields == 1 ? "" : "s") + (fields == 5 ? " (a Unix crontab line?)" : "") + "; " + SYNTAX);
        }
        CronExpression expression;
        try {
            expression = new CronExpression(trimmed);
        } catch (ParseException | RuntimeException e) {
            throw new IllegalArgumentException("invalid cron expression \"" + trimmed + "\": " + e.getMessage()
                    + "; " + SYNTAX, e);
        }
        CronSchedule schedule = new CronSchedule(expression.getCronExpression(), zone);
        if (schedule.next(Instant.now(), 1).isEmpty()) {
            throw new IllegalArgumentException("cron expression \"" + trimmed + "\" never fires again");
        }
        return schedule;
    }

    /** @return the zone id, {@link ScheduleService#DEFAULT_TIMEZONE} for null or blank */
    static ZoneId zone(String timezone) {
        if (timezone == null || timezone.isBlank()) {
            return ZoneId.of(ScheduleService.DEFAULT_TIMEZONE);
        }
        try {
            return ZoneId.of(timezone.strip());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("unknown time zone \"" + timezone + "\": use a region id such as"
                    + " Europe/Berlin or America/New_York, or UTC", e);
        }
    }

    /** @return the zone as Quartz wants it */
    TimeZone timeZone() {
        return TimeZone.getTimeZone(zone);
    }

    /** @return a new expression in this schedule's zone (Quartz expressions are mutable and not thread-safe) */
    CronExpression expression() {
        try {
            CronExpression expression = new CronExpression(cron);
            expression.setTimeZone(timeZone());
            return expression;
        } catch (ParseException e) {
            throw new IllegalStateException("a parsed cron expression no longer parses: " + cron, e);
        }
    }

    /**
     * @param from the fire times come strictly after this instant
     * @return up to {@code count} fire times in order; fewer when the expression stops firing
     */
    List<Instant> next(Instant from, int count) {
        if (count < 0 || count > MAX_COUNT) {
            throw new IllegalArgumentException("count must be between 0 and " + MAX_COUNT + ", not " + count);
        }
        CronExpression expression = expression();
        List<Instant> times = new ArrayList<>(count);
        Date after = Date.from(from);
        while (times.size() < count) {
            Date next = expression.getNextValidTimeAfter(after);
            if (next == null) {
                break;
            }
            times.add(next.toInstant());
            after = next;
        }
        return times;
    }
}
