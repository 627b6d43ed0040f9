package io.arus.core.model;

/**
 * When a pipeline runs by itself: {@code {"cron": "0 0 * * * ?", "timezone": "Europe/Paris"}}.
 *
 * @param cron     a Quartz cron expression; required in a schedule
 * @param timezone an IANA time zone id, or null for UTC
 */
public record ScheduleSpec(String cron, String timezone) {
}
