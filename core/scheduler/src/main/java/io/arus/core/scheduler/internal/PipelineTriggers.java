package io.arus.core.scheduler.internal;

import io.arus.core.store.Pipeline;
import java.util.Objects;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;

/**
 * The Quartz side of a pipeline's schedule: one job and one cron trigger, both named by the pipeline id in the
 * group {@value #GROUP}. Nothing is kept in the job's data: the job finds everything else in the store when it fires.
 */
final class PipelineTriggers {
    static final String GROUP = "pipelines";

    private PipelineTriggers() {
    }

    static JobKey jobKey(String pipelineId) {
        return JobKey.jobKey(pipelineId, GROUP);
    }

    static TriggerKey triggerKey(String pipelineId) {
        return TriggerKey.triggerKey(pipelineId, GROUP);
    }

    /** @return the job that starts the pipeline; it needs no recovery: a lost fire is a misfire, handled by policy */
    static JobDetail job(Pipeline pipeline) {
        return JobBuilder.newJob(PipelineJob.class).withIdentity(jobKey(pipeline.id()))
                .withDescription(pipeline.name()).requestRecovery(false).build();
    }

    /**
     * @param schedule the pipeline's checked schedule
     * @param misfire  {@code run_once}: one run as soon as a missed fire time is noticed; {@code skip}: wait for
     *                 the next fire time
     */
    static CronTrigger trigger(Pipeline pipeline, CronSchedule schedule, io.arus.core.model.MisfirePolicy misfire) {
        CronScheduleBuilder cron = CronScheduleBuilder.cronSchedule(schedule.expression()).inTimeZone(schedule.timeZone());
        cron = misfire == io.arus.core.model.MisfirePolicy.SKIP ? cron.withMisfireHandlingInstructionDoNothing()
                : cron.withMisfireHandlingInstructionFireAndProceed();
        return TriggerBuilder.newTrigger().withIdentity(triggerKey(pipeline.id())).forJob(jobKey(pipeline.id()))
                .withDescription(pipeline.name()).withSchedule(cron).startNow().build();
    }

    /**
     * @return whether an existing trigger already does what the wanted one would; then it stays, with its next fire
     *         time (replacing it would forget a fire time missed while the server was down)
     */
    static boolean same(CronTrigger existing, CronTrigger wanted) {
        return Objects.equals(existing.getCronExpression(), wanted.getCronExpression())
                && Objects.equals(existing.getTimeZone().getID(), wanted.getTimeZone().getID())
                && existing.getMisfireInstruction() == wanted.getMisfireInstruction()
                && Objects.equals(existing.getJobKey(), wanted.getJobKey());
    }
}
