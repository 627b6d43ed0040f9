package io.arus.core.scheduler.internal;

import io.arus.core.engine.RunEvents;
import io.arus.core.scheduler.ScheduleService;
import io.arus.core.scheduler.UpcomingRun;
import io.arus.core.store.MetadataDatabase;
import io.arus.core.store.Pipeline;
import io.arus.core.store.PipelineStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipelines' cron schedules on Quartz, with its JDBC job store in the metadata database: triggers survive
 * restarts, and a fire time missed while the server was down is handled by the pipeline's misfire policy when it
 * starts again. On activation and after every pipeline change ({@link RunEvents#PIPELINE_CHANGED}) the triggers
 * are made to match the store ({@link ScheduleReconciler}); a trigger fires a {@link PipelineJob}.
 */
@Component(service = {ScheduleService.class, EventHandler.class}, immediate = true,
        property = EventConstants.EVENT_TOPIC + "=" + RunEvents.PIPELINE_CHANGED)
public final class CronScheduler implements ScheduleService, EventHandler {
    private static final Logger LOG = LoggerFactory.getLogger(CronScheduler.class);

    private final Scheduler quartz;
    private final PipelineStore pipelines;
    private final ScheduleReconciler reconciler;
    private final Clock clock;
    private final EventWorker worker = new EventWorker("arus-scheduler-pipelines");

    /** Opens Quartz on the metadata database, brings its triggers up to date and starts it. */
    @Activate
    public CronScheduler(@Reference MetadataDatabase database, @Reference PipelineStore pipelines,
                         @Reference RunLauncher launcher) throws SchedulerException {
        this(QuartzFactory.open(database.dialect(), database.clustered(), database.dataSource(),
                new PipelineJobFactory(launcher)), pipelines, Clock.systemUTC());
    }

    /** @param quartz a scheduler in standby, started here */
    CronScheduler(Scheduler quartz, PipelineStore pipelines, Clock clock) throws SchedulerException {
        this.quartz = quartz;
        this.pipelines = pipelines;
        this.clock = clock;
        this.reconciler = new ScheduleReconciler(quartz, pipelines);
        try {
            QuartzFactory.inBundle(() -> {
                reconciler.reconcileAll();
                quartz.start();
                return null;
            });
        } catch (SchedulerException | RuntimeException e) {
            worker.close();
            QuartzFactory.inBundle(() -> {
                quartz.shutdown(false);
                return null;
            });
            throw e;
        }
        LOG.info("scheduler started: {} schedule(s)", upcoming(Integer.MAX_VALUE).size());
    }

    @Override
    public void validate(String cron, String timezone) {
        CronSchedule.parse(cron, timezone);
    }

    @Override
    public List<Instant> nextFireTimes(String cron, String timezone, Instant from, int count) {
        return CronSchedule.parse(cron, timezone).next(from, count);
    }

    @Override
    public List<UpcomingRun> upcoming(int limit) {
        Instant now = clock.instant();
        List<UpcomingRun> upcoming = new ArrayList<>();
        for (Pipeline pipeline : pipelines.list()) {
            if (!pipeline.enabled() || pipeline.scheduleCron() == null || pipeline.scheduleCron().isBlank()) {
                continue;
            }
            try {
                CronSchedule schedule = CronSchedule.parse(pipeline.scheduleCron(), pipeline.scheduleTimezone());
                schedule.next(now, 1).forEach(next -> upcoming.add(new UpcomingRun(pipeline.id(), pipeline.name(),
                        pipeline.scheduleCron(), schedule.zone().getId(), next)));
            } catch (IllegalArgumentException e) {
                // not scheduled; the reconciler logged why
            }
        }
        upcoming.sort(Comparator.comparing(UpcomingRun::nextFireTime).thenComparing(UpcomingRun::pipelineName));
        return upcoming.size() > limit ? List.copyOf(upcoming.subList(0, Math.max(limit, 0))) : upcoming;
    }

    @Override
    public void handleEvent(Event event) {
        if (event.getProperty(RunEvents.PIPELINE_ID) instanceof String pipelineId) {
            worker.submit(() -> reconcile(pipelineId));
        }
    }

    /** Brings one pipeline's trigger in line with the store; a failure is logged (the next change retries). */
    void reconcile(String pipelineId) {
        try {
            QuartzFactory.inBundle(() -> {
                reconciler.reconcile(pipelineId);
                return null;
            });
        } catch (SchedulerException e) {
            LOG.error("pipeline {}: the schedule could not be updated: {}", pipelineId, e.getMessage(), e);
        }
    }

    /** Stops Quartz; the triggers stay in the database for the next start. */
    @Deactivate
    void deactivate() throws SchedulerException {
        worker.close();
        QuartzFactory.inBundle(() -> {
            quartz.shutdown(true);
            return null;
        });
        QuartzThreads.awaitSchedulerLoop(10, TimeUnit.SECONDS);
    }
}
