package io.arus.core.scheduler;

import java.time.Instant;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Cron schedules of pipelines. Expressions use the Quartz syntax, seconds first:
 * {@code seconds minutes hours day-of-month month day-of-week [year]}, with {@code ?} in one of the two day fields
 * (e.g. {@code 0 30 2 * * ?} is every day at 02:30, {@code 0 0/15 * * * ?} every quarter hour). A time zone is a
 * region id such as {@code Europe/Berlin}; none means {@link #DEFAULT_TIMEZONE}.
 */
@ProviderType
public interface ScheduleService {
    /** The time zone of a schedule that names none. */
    String DEFAULT_TIMEZONE = "UTC";

    /**
     * Checks a schedule as a pipeline would be saved with it.
     *
     * @param cron     a Quartz cron expression
     * @param timezone a time-zone id, or null/blank for UTC
     * @throws IllegalArgumentException saying what is wrong, in words a user can act on: a missing or malformed
     *                                  expression (with the expected fields), one that never fires, an unknown
     *                                  time zone
     */
    void validate(String cron, String timezone);

    /**
     * @param cron     a Quartz cron expression
     * @param timezone a time-zone id, or null/blank for UTC
     * @param from     the fire times come strictly after this instant
     * @param count    how many, 0 to 1000
     * @return up to {@code count} fire times in order; fewer when the expression stops firing (a year field)
     * @throws IllegalArgumentException as for {@link #validate}, or for a count out of range
     */
    List<Instant> nextFireTimes(String cron, String timezone, Instant from, int count);

    /**
     * @param limit at most this many
     * @return the next scheduled run of each enabled pipeline that has a valid schedule, soonest first
     */
    List<UpcomingRun> upcoming(int limit);
}
