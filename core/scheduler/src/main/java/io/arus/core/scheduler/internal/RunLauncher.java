package io.arus.core.scheduler.internal;

import io.arus.core.engine.RunEvents;
import io.arus.core.engine.RunService;
import io.arus.core.store.Pipeline;
import io.arus.core.store.PipelineStore;
import io.arus.core.store.Run;
import io.arus.core.store.RunStatus;
import io.arus.core.store.RunStore;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
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
 * <p>Pending runs live in memory: a restart forgets them, as it interrupts the run they wait for.
 */
@Component(service = {RunLauncher.class, EventHandler.class}, immediate = true,
        property = EventConstants.EVENT_TOPIC + "=" + RunEvents.RUN_STATE)
public final class RunLauncher implements EventHandler {
    private static final Logger LOG = LoggerFactory.getLogger(RunLauncher.class);

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
    /** Pipeline id to the trigger of its pending run; guarded by this. */
    private final Map<String, String> pending = new HashMap<>();

    @Activate
    public RunLauncher(@Reference PipelineStore pipelines, @Reference RunStore runs, @Reference RunService runService) {
        this(pipelines, runs, runService, Clock.systemUTC(), new EventWorker("arus-scheduler-runs"));
    }

    RunLauncher(PipelineStore pipelines, RunStore runs, RunService runService, Clock clock, EventWorker worker) {
        this.pipelines = pipelines;
        this.runs = runs;
        this.runService = runService;
        this.clock = clock;
        this.worker = worker;
    }

    /**
     * @param trigger {@code schedule} or {@code dependency}
     * @return what became of the trigger
     */
    synchronized Launch launch(String pipelineId, String trigger) {
        Optional<Pipeline> found = pipelines.byId(pipelineId);
        if (found.isEmpty()) {
            pending.remove(pipelineId);
            LOG.info("pipeline {} no longer exists; {} trigger ignored", pipelineId, trigger);
            return Launch.GONE;
        }
        Pipeline pipeline = found.get();
        if (!pipeline.enabled()) {
            pending.remove(pipelineId);
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
            String earlier = pending.putIfAbsent(pipeline.id(), trigger);
            String what = earlier == null ? "one " + trigger + " run is queued until the current run ends"
                    : "a " + earlier + " run is already queued; this " + trigger + " trigger is merged into it";
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
        return pending.containsKey(pipelineId);
    }

    /** A run ended: its pipeline's pending run, if any, starts now. */
    synchronized void runEnded(String pipelineId) {
        String trigger = pending.remove(pipelineId);
        if (trigger != null) {
            launch(pipelineId, trigger);
        }
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
