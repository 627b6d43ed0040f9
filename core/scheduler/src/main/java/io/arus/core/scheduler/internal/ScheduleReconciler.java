package io.arus.core.scheduler.internal;

import io.arus.core.store.Pipeline;
import io.arus.core.store.PipelineStore;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.quartz.CronTrigger;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.impl.matchers.GroupMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes Quartz's triggers match the pipelines in the store: an enabled pipeline with a valid cron has exactly one
 * cron trigger, in its time zone and with its misfire policy; a disabled, unscheduled or deleted pipeline has
 * none. A trigger that already matches stays untouched, keeping its next fire time.
 */
final class ScheduleReconciler {
    private static final Logger LOG = LoggerFactory.getLogger(ScheduleReconciler.class);

    private final Scheduler scheduler;
    private final PipelineStore pipelines;

    ScheduleReconciler(Scheduler scheduler, PipelineStore pipelines) {
        this.scheduler = scheduler;
        this.pipelines = pipelines;
    }

    /**
     * Reconciles every pipeline of the store and every pipeline job Quartz has; one pipeline failing is logged and
     * does not keep the others from their schedules.
     */
    synchronized void reconcileAll() throws SchedulerException {
        Set<String> ids = new LinkedHashSet<>();
        for (Pipeline pipeline : pipelines.list()) {
            ids.add(pipeline.id());
        }
        for (JobKey key : scheduler.getJobKeys(GroupMatcher.jobGroupEquals(PipelineTriggers.GROUP))) {
            ids.add(key.getName());
        }
        for (String id : ids) {
            try {
                reconcile(id);
            } catch (SchedulerException e) {
                LOG.error("pipeline {}: the schedule could not be updated: {}", id, e.getMessage(), e);
            }
        }
    }

    /** Brings one pipeline's trigger in line with the store. */
    synchronized void reconcile(String pipelineId) throws SchedulerException {
        Optional<Pipeline> pipeline = pipelines.byId(pipelineId);
        Optional<CronTrigger> wanted = pipeline.flatMap(this::wantedTrigger);
        JobKey job = PipelineTriggers.jobKey(pipelineId);
        if (wanted.isEmpty()) {
            if (scheduler.deleteJob(job)) {
                LOG.info("pipeline {} ({}): schedule removed", pipeline.map(Pipeline::name).orElse("(deleted)"),
                        pipelineId);
            }
            return;
        }
        Trigger existing = scheduler.getTrigger(PipelineTriggers.triggerKey(pipelineId));
        if (existing instanceof CronTrigger current && PipelineTriggers.same(current, wanted.get())
                && scheduler.checkExists(job)) {
            return;
        }
        CronTrigger trigger = wanted.get();
        scheduler.scheduleJob(PipelineTriggers.job(pipeline.get()), Set.of(trigger), true);
        // Quartz computed the first fire time on the trigger it was given
        LOG.info("pipeline {} ({}): scheduled \"{}\" in {} (misfire instruction {}), next run at {}",
                pipeline.get().name(), pipelineId, trigger.getCronExpression(), trigger.getTimeZone().getID(),
                trigger.getMisfireInstruction(), Optional.ofNullable(trigger.getNextFireTime()).map(Date::toInstant).orElse(null));
    }

    /** @return the trigger the pipeline should have, or empty for none */
    private Optional<CronTrigger> wantedTrigger(Pipeline pipeline) {
        if (!pipeline.enabled() || pipeline.scheduleCron() == null || pipeline.scheduleCron().isBlank()) {
            return Optional.empty();
        }
        try {
            CronSchedule schedule = CronSchedule.parse(pipeline.scheduleCron(), pipeline.scheduleTimezone());
            return Optional.of(PipelineTriggers.trigger(pipeline, schedule, PipelinePolicies.of(pipeline).misfire()));
        } catch (IllegalArgumentException e) {
            LOG.warn("pipeline {} ({}) is not scheduled: {}", pipeline.name(), pipeline.id(), e.getMessage());
            return Optional.empty();
        }
    }
}
