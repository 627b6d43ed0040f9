package io.arus.core.scheduler.internal;

import io.arus.core.engine.Measurements;
import io.arus.core.engine.RunEvents;
import io.arus.core.engine.RunService;
import io.arus.core.store.PendingRunStore;
import io.arus.core.store.PendingRunStore.PendingRun;
import io.arus.core.store.Pipeline;
import io.arus.core.store.PipelineStore;
import io.arus.core.store.Run;
import io.arus.core.store.RunStatus;
import io.arus.core.store.RunStore;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the runs that schedules and dependencies ask for, by the pipeline's rules: never while it is disabled
 * (checked again at fire time), never twice at once. A trigger that finds the pipeline still running is dropped
 * ({@code overlap_policy: skip}, logged and noted in the running run's log) or kept as the one pending run that
 * starts when the current run ends ({@code overlap_policy: queue}; more triggers meanwhile merge into it).
 *
 * <p>Pending runs are kept in the metadata database ({@link PendingRunStore}): after a restart, which interrupted
 * the runs they waited for, they start a few seconds after the scheduler (once the connectors are back).
 */
@Component(service = {RunLauncher.class, EventHandler.class}, immediate = true,
        property = EventConstants.EVENT_TOPIC + "=" + RunEvents.RUN_STATE)
public final class RunLauncher implements EventHandler {
    private static final Logger LOG = LoggerFactory.getLogger(RunLauncher.class);
    private static final long RESUME_DELAY_SECONDS = 5;

    /** What became of a trigger. */
    enum Launch {
        /** A run was started. */ STARTED,
        /** The pipeline is disabled; nothing happened. */ DISABLED,
        /** The pipeline is still running and its overlap policy is skip. */ SKIPPED,
        /** The pipeline is still running; one run starts when it ends. */ QUEUED,
        /** The pipeline no longer exists. */ GONE
    }

    private final PipelineStore pipelines;
    private final RunStore runs;
    private final RunService runService;
    private final Clock clock;
    private final EventWorker worker;
    /** The runs waiting for their pipeline's current run to end. */
    private final PendingRunStore pending;
    private volatile Measurements measurements;

    @Activate
    public RunLauncher(@Reference PipelineStore pipelines, @Reference RunStore runs, @Reference RunService runService,
                       @Reference PendingRunStore pending) {
        this(pipelines, runs, runService, pending, Clock.systemUTC(), new EventWorker("arus-scheduler-runs"));
        // connectors are services that may register after this component: give them a moment
        CompletableFuture.delayedExecutor(RESUME_DELAY_SECONDS, TimeUnit.SECONDS)
                .execute(() -> worker.submit(this::startWaiting));
    }

    RunLauncher(PipelineStore pipelines, RunStore runs, RunService runService, PendingRunStore pending, Clock clock,
                EventWorker worker) {
        this.pipelines = pipelines;
        this.runs = runs;
        this.runService = runService;
        this.pending = pending;
        this.clock = clock;
        this.worker = worker;
    }

    /** How late schedules fire goes to a Measurements service while one is registered (core/metrics). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindMeasurements(Measurements taker) {
        this.measurements = taker;
    }

    void unbindMeasurements(Measurements taker) {
        if (this.measurements == taker) {
            this.measurements = null;
        }
    }

    /** A schedule of the pipeline fired {@code lateMillis} after its fire time. */
    void fired(String pipelineId, long lateMillis) {
        Measurements taker = measurements;
        if (taker != null) {
            try {
                taker.scheduleFired(pipelineId, Math.max(0, lateMillis));
            } catch (RuntimeException e) {
                LOG.debug("the schedule's lateness could not be measured: {}", e.getMessage());
            }
        }
    }

    /**
     * Starts the waiting runs whose pipeline runs nothing now: after a restart, the run they waited for was
     * interrupted and no run-ended event will come for it.
     */
    synchronized void startWaiting() {
        for (PendingRun waiting : pending.all()) {
            boolean running = runs.list(waiting.pipelineId(), 1).stream().anyMatch(run -> !run.status().isFinal());
            if (!running && pending.take(waiting.pipelineId()).isPresent()) {
                LOG.info("pipeline {}: the {} run queued before the restart starts now", waiting.pipelineId(),
                        waiting.trigger());
                launch(waiting.pipelineId(), waiting.trigger());
            }
        }
    }

    /**
     * @param trigger {@code schedule} or {@code dependency}
     * @return what became of the trigger
     */
    synchronized Launch launch(String pipelineId, String trigger) {
        Optional<Pipeline> found = pipelines.byId(pipelineId);
        if (found.isEmpty()) {
            pending.drop(pipelineId);
            LOG.info("pipeline {} no longer exists; {} trigger ignored", pipelineId, trigger);
            return Launch.GONE;
        }
        Pipeline pipeline = found.get();
        if (!pipeline.enabled()) {
            pending.drop(pipelineId);
            LOG.info("pipeline {} ({}) is disabled; {} trigger ignored", pipeline.name(), pipelineId, trigger);
            return Launch.DISABLED;
        }
        try {
            Run run = runService.start(pipelineId, trigger);
            LOG.info("pipeline {} ({}): run {} started by {}", pipeline.name(), pipelineId, run.id(), trigger);
            return Launch.STARTED;
        } catch (NoSuchElementException e) {
            return Launch.GONE;
        } catch (IllegalStateException e) {
            return overlap(pipeline, trigger);
        }
    }

    private Launch overlap(Pipeline pipeline, String trigger) {
        if (PipelinePolicies.of(pipeline).overlap() == io.arus.core.model.OverlapPolicy.QUEUE) {
            Instant now = clock.instant();
            PendingRun waiting = pending.queue(pipeline.id(), trigger, now);
            boolean merged = !waiting.trigger().equals(trigger)
                    || !waiting.queuedAt().truncatedTo(ChronoUnit.MICROS).equals(now.truncatedTo(ChronoUnit.MICROS));
            String what = !merged ? "one " + trigger + " run is queued until the current run ends"
                    : "a " + waiting.trigger() + " run is already queued; this " + trigger + " trigger is merged into it";
            LOG.info("pipeline {} ({}) is still running: {} (overlap_policy queue)", pipeline.name(), pipeline.id(), what);
            note(pipeline.id(), what + " (overlap_policy queue)");
            return Launch.QUEUED;
        }
        LOG.info("pipeline {} ({}) is still running: {} run skipped (overlap_policy skip)", pipeline.name(),
                pipeline.id(), trigger);
        note(pipeline.id(), trigger + " run skipped: the pipeline was still running (overlap_policy skip)");
        return Launch.SKIPPED;
    }

    /** Adds a line to the log of the pipeline's current run, where a user watching it looks. */
    private void note(String pipelineId, String message) {
        runs.list(pipelineId, 1).stream().filter(run -> !run.status().isFinal()).findFirst()
                .ifPresent(run -> runs.log(run.id(), clock.instant(), "info", message));
    }

    /** @return whether a run of the pipeline waits for the current one to end */
    synchronized boolean hasPending(String pipelineId) {
        return pending.all().stream().anyMatch(waiting -> waiting.pipelineId().equals(pipelineId));
    }

    /** A run ended: its pipeline's pending run, if any, starts now. */
    synchronized void runEnded(String pipelineId) {
        pending.take(pipelineId).ifPresent(waiting -> launch(pipelineId, waiting.trigger()));
    }

    @Override
    public void handleEvent(Event event) {
        if (ended(event.getProperty(RunEvents.STATUS)) && event.getProperty(RunEvents.PIPELINE_ID) instanceof String id) {
            worker.submit(() -> runEnded(id));
        }
    }

    private static boolean ended(Object status) {
        for (RunStatus candidate : RunStatus.values()) {
            if (candidate.isFinal() && candidate.id().equals(status)) {
                return true;
            }
        }
        return false;
    }

    @Deactivate
    void deactivate() {
        worker.close();
    }
}
