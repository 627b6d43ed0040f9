package io.arus.core.scheduler.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.arus.core.store.Pipeline;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.quartz.CronTrigger;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.impl.matchers.GroupMatcher;

/** The reconciler against a Quartz scheduler in memory (never started: only its triggers matter here). */
class ScheduleReconcilerTest {
    private final MemoryPipelines pipelines = new MemoryPipelines();
    private final Scheduler quartz = memoryScheduler();
    private final ScheduleReconciler reconciler = new ScheduleReconciler(quartz, pipelines);

    @AfterEach
    void shutdown() throws SchedulerException {
        quartz.shutdown();
    }

    @Test
    void anEnabledScheduledPipelineGetsOneCronTriggerInItsZoneWithItsMisfirePolicy() throws SchedulerException {
        Pipeline skip = pipelines.add("skip", true, "0 30 2 * * ?", "Europe/Berlin", List.of(), Map.of("misfire_policy", "skip"));
        Pipeline once = pipelines.scheduled("once", "*/3 * * * * ?");

        reconciler.reconcileAll();

        CronTrigger skipping = trigger(skip);
        assertThat(skipping.getCronExpression()).isEqualTo("0 30 2 * * ?");
        assertThat(skipping.getTimeZone().getID()).isEqualTo("Europe/Berlin");
        assertThat(skipping.getMisfireInstruction()).isEqualTo(CronTrigger.MISFIRE_INSTRUCTION_DO_NOTHING);
        assertThat(skipping.getJobKey()).isEqualTo(PipelineTriggers.jobKey(skip.id()));
        CronTrigger firing = trigger(once);
        assertThat(firing.getTimeZone().getID()).isEqualTo("UTC");
        assertThat(firing.getMisfireInstruction()).isEqualTo(CronTrigger.MISFIRE_INSTRUCTION_FIRE_ONCE_NOW);
        assertThat(quartz.getJobDetail(PipelineTriggers.jobKey(once.id())).getJobClass()).isEqualTo(PipelineJob.class);
        assertThat(quartz.getTriggersOfJob(PipelineTriggers.jobKey(once.id()))).hasSize(1);
    }

    @Test
    void disabledUnscheduledAndInvalidPipelinesHaveNoTrigger() throws SchedulerException {
        pipelines.add("disabled", false, "0 0 * * * ?", null, List.of(), Map.of());
        pipelines.add("unscheduled", true, null, null, List.of(), Map.of());
        pipelines.add("invalid", true, "0 0 * * *", null, List.of(), Map.of());
        pipelines.add("bad zone", true, "0 0 * * * ?", "Nowhere/Town", List.of(), Map.of());

        reconciler.reconcileAll();

        assertThat(quartz.getJobKeys(GroupMatcher.anyJobGroup())).isEmpty();
    }

    @Test
    void disablingReschedulingAndDeletingFollowTheStore() throws SchedulerException {
        Pipeline p = pipelines.scheduled("orders", "0 0 * * * ?");
        reconciler.reconcile(p.id());
        assertThat(trigger(p)).isNotNull();

        pipelines.put(MemoryPipelines.withSchedule(p, false, p.scheduleCron(), null));
        reconciler.reconcile(p.id());
        assertThat(quartz.checkExists(PipelineTriggers.jobKey(p.id()))).isFalse();

        pipelines.put(MemoryPipelines.withSchedule(p, true, "0 15 * * * ?", "Asia/Tokyo"));
        reconciler.reconcile(p.id());
        assertThat(trigger(p).getCronExpression()).isEqualTo("0 15 * * * ?");
        assertThat(trigger(p).getTimeZone().getID()).isEqualTo("Asia/Tokyo");

        pipelines.put(MemoryPipelines.withSchedule(p, true, null, null));
        reconciler.reconcile(p.id());
        assertThat(quartz.checkExists(PipelineTriggers.triggerKey(p.id()))).isFalse();

        pipelines.put(MemoryPipelines.withSchedule(p, true, "0 0 * * * ?", null));
        reconciler.reconcile(p.id());
        pipelines.delete(p.id());
        reconciler.reconcile(p.id());
        assertThat(quartz.getJobKeys(GroupMatcher.anyJobGroup())).isEmpty();
    }

    @Test
    void anUnchangedScheduleKeepsItsTriggerAndNextFireTime() throws SchedulerException, InterruptedException {
        Pipeline p = pipelines.scheduled("orders", "0 0 * * * ?");
        reconciler.reconcile(p.id());
        Trigger first = trigger(p);

        Thread.sleep(20);
        pipelines.put(MemoryPipelines.withSchedule(p, true, "0 0 * * * ?", null));
        reconciler.reconcileAll();

        assertThat(trigger(p).getStartTime()).isEqualTo(first.getStartTime());
        assertThat(trigger(p).getNextFireTime()).isEqualTo(first.getNextFireTime());
    }

    @Test
    void aJobWhosePipelineIsGoneFromTheStoreIsRemovedOnTheFullPass() throws SchedulerException {
        Pipeline p = pipelines.scheduled("orders", "0 0 * * * ?");
        reconciler.reconcileAll();
        pipelines.delete(p.id());

        reconciler.reconcileAll();

        assertThat(quartz.getJobKeys(GroupMatcher.anyJobGroup())).isEmpty();
    }

    private CronTrigger trigger(Pipeline pipeline) throws SchedulerException {
        return (CronTrigger) quartz.getTrigger(PipelineTriggers.triggerKey(pipeline.id()));
    }

    private static Scheduler memoryScheduler() {
        Properties properties = new Properties();
        properties.setProperty("org.quartz.scheduler.instanceName", "test-" + UUID.randomUUID());
        properties.setProperty("org.quartz.threadPool.threadCount", "1");
        properties.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        try {
            return new StdSchedulerFactory(properties).getScheduler();
        } catch (SchedulerException e) {
            throw new IllegalStateException(e);
        }
    }
}
