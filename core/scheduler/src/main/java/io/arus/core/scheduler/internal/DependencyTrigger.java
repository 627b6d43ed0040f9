package io.arus.core.scheduler.internal;

import io.arus.core.engine.RunEvents;
import io.arus.core.engine.RunService;
import io.arus.core.store.ClusterNodeStore;
import io.arus.core.store.Pipeline;
import io.arus.core.store.PipelineStore;
import io.arus.core.store.Run;
import io.arus.core.store.RunStatus;
import io.arus.core.store.RunStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
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
 * Runs downstream pipelines: when a run of pipeline U succeeds, every enabled pipeline that depends on U starts
 * (trigger {@code dependency}) once all of its upstreams are fresh ({@link DependencyCheck}). A failed, cancelled
 * or interrupted upstream run starts nothing. The store refuses cycles when a pipeline is saved, so a chain always
 * ends.
 *
 * <p>The event lives in memory only: a server that stops between an upstream's end and its downstream's start would
 * lose the start. So a few seconds after this component starts, and every minute, the stored runs are looked at
 * for starts that were missed ({@link MissedStart}), and those downstreams start then. In a cluster one node looks:
 * the live node with the lowest id.
 */
@Component(service = EventHandler.class, immediate = true,
        property = EventConstants.EVENT_TOPIC + "=" + RunEvents.RUN_STATE)
public final class DependencyTrigger implements EventHandler {
    static final String TRIGGER = "dependency";
    /** How soon after start, and how often, missed starts are looked for. */
    static final Duration FIRST_SWEEP = Duration.ofSeconds(10);
    static final Duration SWEEP = Duration.ofSeconds(60);
    /** A node whose heartbeat is older than this has stopped. */
    static final Duration NODE_SILENT = Duration.ofSeconds(45);
    private static final Logger LOG = LoggerFactory.getLogger(DependencyTrigger.class);

    private final PipelineStore pipelines;
    private final RunStore runs;
    private final RunLauncher launcher;
    private final EventWorker worker;
    private final Clock clock;
    private final Supplier<Boolean> sweeper;
    private final ScheduledExecutorService sweeps;

    @Activate
    public DependencyTrigger(@Reference PipelineStore pipelines, @Reference RunStore runs,
                             @Reference RunLauncher launcher, @Reference ClusterNodeStore nodes,
                             @Reference RunService runService) {
        this(pipelines, runs, launcher, new EventWorker("arus-scheduler-dependencies"), Clock.systemUTC(),
                () -> lowestLiveNode(nodes, runService.node(), Instant.now()));
        sweeps.scheduleWithFixedDelay(() -> worker.submit(this::sweep), FIRST_SWEEP.toSeconds(), SWEEP.toSeconds(),
                TimeUnit.SECONDS);
    }

    DependencyTrigger(PipelineStore pipelines, RunStore runs, RunLauncher launcher, EventWorker worker, Clock clock,
                      Supplier<Boolean> sweeper) {
        this.pipelines = pipelines;
        this.runs = runs;
        this.launcher = launcher;
        this.worker = worker;
        this.clock = clock;
        this.sweeper = sweeper;
        this.sweeps = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "arus-scheduler-missed-starts");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** @return whether this node is the live node with the lowest id, the one that looks for missed starts */
    static boolean lowestLiveNode(ClusterNodeStore nodes, String self, Instant now) {
        for (ClusterNodeStore.Node node : nodes.all()) {
            if (node.nodeId().compareTo(self) < 0 && node.heartbeatAt().plus(NODE_SILENT).isAfter(now)) {
                return false;
            }
        }
        return true;
    }

    /** Starts the downstreams whose start was missed while a server was down. */
    void sweep() {
        if (!sweeper.get()) {
            return;
        }
        Instant now = clock.instant();
        for (Pipeline downstream : pipelines.list()) {
            if (!downstream.enabled() || downstream.dependsOn().isEmpty()) {
                continue;
            }
            Map<String, Optional<Run>> latest = new LinkedHashMap<>();
            for (String id : downstream.dependsOn()) {
                latest.put(id, runs.list(id, 1).stream().findFirst());
            }
            Optional<String> missed = MissedStart.of(downstream.updatedAt(),
                    runs.list(downstream.id(), 1).stream().findFirst(), latest, now);
            if (missed.isPresent() && !launcher.hasPending(downstream.id())) {
                LOG.info("pipeline {} ({}) starts now: upstream {} succeeded while the start it should have given "
                        + "was lost (the server stopped)", downstream.name(), downstream.id(), missed.get());
                launcher.launch(downstream.id(), TRIGGER);
            }
        }
    }

    @Override
    public void handleEvent(Event event) {
        if (event.getProperty(RunEvents.STATUS) instanceof String status && isSuccessful(status)
                && event.getProperty(RunEvents.PIPELINE_ID) instanceof String upstreamId) {
            worker.submit(() -> upstreamSucceeded(upstreamId));
        }
    }

    /** @return whether the status id is one whose data landed (succeeded, or succeeded with warnings) */
    private static boolean isSuccessful(String status) {
        for (RunStatus candidate : RunStatus.values()) {
            if (candidate.id().equals(status)) {
                return candidate.isSuccessful();
            }
        }
        return false;
    }

    /** Starts each enabled downstream of the pipeline whose upstreams are all fresh. */
    void upstreamSucceeded(String upstreamId) {
        for (Pipeline downstream : pipelines.list()) {
            if (!downstream.enabled() || !downstream.dependsOn().contains(upstreamId)) {
                continue;
            }
            Map<String, Optional<Run>> latest = new LinkedHashMap<>();
            for (String id : downstream.dependsOn()) {
                latest.put(id, runs.list(id, 1).stream().findFirst());
            }
            DependencyCheck check = DependencyCheck.of(runs.list(downstream.id(), 1).stream().findFirst(), latest);
            if (check.ready()) {
                launcher.launch(downstream.id(), TRIGGER);
            } else {
                LOG.info("pipeline {} ({}) not started after upstream {} succeeded: {}", downstream.name(),
                        downstream.id(), upstreamId, check.reason());
            }
        }
    }

    @Deactivate
    void deactivate() {
        sweeps.shutdownNow();
        worker.close();
    }
}
