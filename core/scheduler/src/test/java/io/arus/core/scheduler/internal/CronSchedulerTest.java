package io.arus.core.scheduler.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arus.core.scheduler.UpcomingRun;
import io.arus.core.store.Pipeline;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.quartz.SchedulerException;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.impl.matchers.GroupMatcher;

/** The service side of the scheduler, on a Quartz scheduler in memory. */
class CronSchedulerTest {
    private static final Instant NOW = Instant.parse("2025-01-10T00:10:00Z");

    private final MemoryPipelines pipelines = new MemoryPipelines();
    private CronScheduler scheduler;

    @AfterEach
    void stop() throws SchedulerException {
        if (scheduler != null) {
            scheduler.deactivate();
        }
    }

    @Test
    void upcomingListsTheNextRunOfEachEnabledScheduleSoonestFirst() throws SchedulerException {
        pipelines.add("nightly", true, "0 30 2 * * ?", "Europe/Berlin", List.of(), Map.of());
        pipelines.add("hourly", true, "0 0 * * * ?", null, List.of(), Map.of());
        pipelines.add("disabled", false, "0 15 0 * * ?", null, List.of(), Map.of());
        pipelines.add("unscheduled", true, null, null, List.of(), Map.of());
        pipelines.add("invalid", true, "0 15 0 * *", null, List.of(), Map.of());
        scheduler = start();

        List<UpcomingRun> upcoming = scheduler.upcoming(10);

        assertThat(upcoming).extracting(UpcomingRun::pipelineName).containsExactly("hourly", "nightly");
        assertThat(upcoming.get(0).timezone()).isEqualTo("UTC");
        assertThat(upcoming.get(0).nextFireTime()).isEqualTo(Instant.parse("2025-01-10T01:00:00Z"));
        assertThat(upcoming.get(1).cron()).isEqualTo("0 30 2 * * ?");
        assertThat(upcoming.get(1).timezone()).isEqualTo("Europe/Berlin");
        assertThat(upcoming.get(1).nextFireTime()).isEqualTo(Instant.parse("2025-01-10T01:30:00Z"));
        assertThat(scheduler.upcoming(1)).extracting(UpcomingRun::pipelineName).containsExactly("hourly");
        assertThat(scheduler.upcoming(0)).isEmpty();
    }

    @Test
    void activationSchedulesWhatTheStoreSaysAndAChangeEventFollowsTheStore() throws Exception {
        Pipeline p = pipelines.scheduled("hourly", "0 0 * * * ?");
        org.quartz.Scheduler quartz = memoryScheduler();
        scheduler = new CronScheduler(quartz, pipelines, Clock.fixed(NOW, ZoneOffset.UTC));
        assertThat(quartz.isStarted()).isTrue();
        assertThat(quartz.getJobKeys(GroupMatcher.anyJobGroup())).containsExactly(PipelineTriggers.jobKey(p.id()));

        pipelines.put(MemoryPipelines.withSchedule(p, false, p.scheduleCron(), null));
        scheduler.reconcile(p.id());

        assertThat(quartz.getJobKeys(GroupMatcher.anyJobGroup())).isEmpty();
    }

    @Test
    void theServiceChecksAndPreviewsSchedules() throws SchedulerException {
        scheduler = start();

        scheduler.validate("0 0 6 ? * MON", "America/New_York");
        assertThatThrownBy(() -> scheduler.validate("0 0 6 * * MON", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> scheduler.validate("0 0 6 ? * MON", "Berlin")).hasMessageContaining("unknown time zone");
        assertThat(scheduler.nextFireTimes("0 0 6 ? * MON", "America/New_York", NOW, 3)).containsExactly(
                Instant.parse("2025-01-13T11:00:00Z"), Instant.parse("2025-01-20T11:00:00Z"),
                Instant.parse("2025-01-27T11:00:00Z"));
    }

    private CronScheduler start() throws SchedulerException {
        return new CronScheduler(memoryScheduler(), pipelines, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static org.quartz.Scheduler memoryScheduler() throws SchedulerException {
        Properties properties = new Properties();
        properties.setProperty("org.quartz.scheduler.instanceName", "test-" + UUID.randomUUID());
        properties.setProperty("org.quartz.threadPool.threadCount", "1");
        properties.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        return new StdSchedulerFactory(properties).getScheduler();
    }
}
