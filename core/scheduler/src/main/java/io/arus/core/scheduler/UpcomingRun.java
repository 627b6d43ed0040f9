package io.arus.core.scheduler;

import java.time.Instant;

/**
 * The next time a schedule starts a pipeline.
 *
 * @param pipelineId   the pipeline
 * @param pipelineName its name
 * @param cron         its Quartz cron expression
 * @param timezone     the expression's time zone ({@link ScheduleService#DEFAULT_TIMEZONE} when the pipeline names
 *                     none)
 * @param nextFireTime when the schedule fires next
 */
public record UpcomingRun(String pipelineId, String pipelineName, String cron, String timezone, Instant nextFireTime) {
}
