package io.arus.core.engine.internal;

import io.arus.api.connector.SyncMode;
import io.arus.core.engine.DeadLetterReplay;
import io.arus.core.engine.Measurements;
import io.arus.core.engine.PipelineDefinition;
import io.arus.core.engine.RunService;
import io.arus.core.platform.PluginCatalog;
import io.arus.core.security.ConnectionSecrets;
import io.arus.core.security.SecretBox;
import io.arus.core.store.ClusterNodeStore;
import io.arus.core.store.ConnectionStore;
import io.arus.core.store.DeadLetterStore;
import io.arus.core.store.MetadataDatabase;
import io.arus.core.store.Pipeline;
import io.arus.core.store.PipelineStore;
import io.arus.core.store.Run;
import io.arus.core.store.RunLeaseStore;
import io.arus.core.store.RunLeaseStore.Lease;
import io.arus.core.store.RunStatus;
import io.arus.core.store.RunStore;
import io.arus.core.store.StreamOffsetStore;
import io.arus.core.store.StreamSchemaStore;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.EventAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Queues and runs pipeline runs on a small pool of workers, never two runs of one pipeline at once, and replays
 * dead letters ({@link Replayer}). Runs that a
 * stopped or killed server left unfinished are marked interrupted at start; their streams resume from the
 * stored offsets on the next run. A pipeline whose change-capture streams follow their log runs on a thread of its
 * own (its run lasts until it is stopped) and, when the server stopped under it, is started again by itself a few
 * seconds after the server came back, with the trigger {@value #RESTART}.
 */
@Component(service = {RunService.class, DeadLetterReplay.class}, immediate = true)
public final class RunCoordinator implements RunService, DeadLetterReplay {
    private static final Logger LOG = LoggerFactory.getLogger(RunCoordinator.class);
    private static final int WORKERS = 4;
    /** The trigger of a following change-capture run started again after a server restart. */
    static final String RESTART = "restart";
    /** The trigger of a run that resumes, on another node of a cluster, the run of a node that died. */
    static final String RECOVERY = "recovery";
    /** A node silent for this long leaves the list of nodes. */
    static final Duration FORGET_NODES_AFTER = Duration.ofHours(1);
    private static final long RESTART_DELAY_SECONDS = 5;

    /** How long a run's lease lasts without a renewal: a node that stops answering loses its runs after this. */
    static final Duration LEASE = Duration.ofSeconds(30);
    /** How often a node renews its leases and looks for lapsed ones. */
    static final Duration HEARTBEAT = Duration.ofSeconds(5);

    private final EngineServices services;
    private final RunLeaseStore leases;
    /** This node's id in the leases ({@link NodeId}). */
    private final String node;
    private final ClusterNodeStore nodes;
    /** In cluster mode the runs of a node that died start again here (from their offsets). */
    private final boolean clustered;
    private final Instant startedAt;
    private final Replayer replayer;
    private final ExecutorService workers;
    private final ExecutorService feeds;
    private final ScheduledExecutorService restarts;
    private final Map<String, Active> active = new ConcurrentHashMap<>();

    private record Active(String runId, Pipeline pipeline, String trigger, RunControl control) {
    }

    @Activate
    public RunCoordinator(BundleContext context, @Reference PipelineStore pipelines,
                          @Reference ConnectionStore connections, @Reference RunStore runs,
                          @Reference StreamOffsetStore offsets, @Reference StreamSchemaStore schemas,
                          @Reference DeadLetterStore deadLetters, @Reference PluginCatalog catalog,
                          @Reference SecretBox box, @Reference RunLeaseStore leases,
                          @Reference ClusterNodeStore nodes, @Reference MetadataDatabase database) {
        this(new EngineServices(pipelines, connections, runs, new StreamState(offsets, schemas), deadLetters, catalog,
                new ConnectionSecrets(box), Clock.systemUTC(), new EventSink(), new RunTracing()), leases, nodes,
                NodeId.of(context), database.clustered());
    }

    /** Run events go out through EventAdmin while one is registered. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindEventAdmin(EventAdmin eventAdmin) {
        services.events().bind(eventAdmin);
    }

    void unbindEventAdmin(EventAdmin eventAdmin) {
        services.events().unbind(eventAdmin);
    }

    /** Batch timings go to a Measurements service while one is registered (core/metrics). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindMeasurements(Measurements measurements) {
        services.events().bind(measurements);
    }

    void unbindMeasurements(Measurements measurements) {
        services.events().unbind(measurements);
    }

    /** Runs, streams and sampled batches are traced while an OpenTelemetry service is registered (core/tracing). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindOpenTelemetry(OpenTelemetry telemetry) {
        services.tracing().bind(telemetry);
    }

    void unbindOpenTelemetry(OpenTelemetry telemetry) {
        services.tracing().unbind(telemetry);
    }

    RunCoordinator(EngineServices services, RunLeaseStore leases, ClusterNodeStore nodes, String node, boolean clustered) {
        this.services = services;
        this.leases = leases;
        this.nodes = nodes;
        this.node = node;
        this.clustered = clustered;
        this.startedAt = services.clock().instant();
        this.replayer = new Replayer(services);
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(WORKERS, r -> new Thread(r, "arus-worker-" + n.incrementAndGet()));
        this.feeds = Executors.newCachedThreadPool(r -> new Thread(r, "arus-feed-" + n.incrementAndGet()));
        this.restarts = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "arus-restart"));
        Set<String> following = new LinkedHashSet<>();
        Instant now = services.clock().instant();
        Map<String, Lease> byRun = new HashMap<>();
        for (Lease lease : leases.all()) {
            byRun.put(lease.runId(), lease);
            if (lease.nodeId().equals(node)) {
                leases.release(lease.runId()); // this node just started: nothing of its own runs any more
            }
        }
        for (Run stale : services.runs().withStatus(List.of(RunStatus.QUEUED, RunStatus.RUNNING, RunStatus.PAUSED))) {
            Lease lease = byRun.get(stale.id());
            if (lease != null && !lease.nodeId().equals(node) && !lease.expiredAt(now)) {
                continue; // another node runs it and renews its lease: not ours to touch
            }
            services.runs().setStatus(stale.id(), RunStatus.INTERRUPTED,
                    "the server stopped during the run; the next run resumes from the stored offsets", services.clock().instant());
            services.runs().log(stale.id(), services.clock().instant(), "warn", "marked interrupted at server start");
            if (lease != null) {
                leases.release(stale.id());
            }
            services.pipelines().byId(stale.pipelineId()).filter(p -> p.enabled() && followsChanges(p))
                    .ifPresent(p -> following.add(p.id()));
        }
        restarts.scheduleWithFixedDelay(this::heartbeat, 0, HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
        if (!following.isEmpty()) {
            // connectors are services that may register after this component: give them a moment
            restarts.schedule(() -> following.forEach(this::restart), RESTART_DELAY_SECONDS, TimeUnit.SECONDS);
        }
    }

    /**
     * Renews this node's leases, and lets go of the runs of nodes that stopped renewing theirs: such a run runs
     * nowhere any more, so it is marked interrupted and its pipeline may start again (the next run resumes from the
     * stored offsets).
     */
    void heartbeat() {
        try {
            Instant now = services.clock().instant();
            nodes.beat(node, startedAt, now);
            nodes.forgetBefore(now.minus(FORGET_NODES_AFTER));
            leases.renew(node, now, LEASE);
            for (Lease lease : leases.all()) {
                if (lease.nodeId().equals(node) || !lease.expiredAt(now)) {
                    continue;
                }
                Optional<Run> lapsed = services.runs().byId(lease.runId()).filter(run -> !run.status().isFinal());
                lapsed.ifPresent(run -> {
                    String why = "node " + lease.nodeId() + ", which ran it, stopped renewing its lease (last at "
                            + lease.heartbeatAt() + "); the next run resumes from the stored offsets";
                    services.runs().setStatus(run.id(), RunStatus.INTERRUPTED, why, now);
                    services.runs().log(run.id(), now, "warn", "marked interrupted by node " + node + ": " + why);
                    LOG.warn("run {} of pipeline {} marked interrupted: {}", run.id(), run.pipelineId(), why);
                });
                leases.release(lease.runId());
                if (clustered && lapsed.isPresent()) {
                    recover(lease);
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("the run leases could not be renewed or checked: {}", e.getMessage());
        }
    }

    /** Starts again, on this node, the pipeline whose run a dead node held: the new run resumes from the offsets. */
    private void recover(Lease lease) {
        if (services.pipelines().byId(lease.pipelineId()).filter(Pipeline::enabled).isEmpty()) {
            return;
        }
        try {
            Run run = start(lease.pipelineId(), RECOVERY);
            LOG.info("pipeline {}: its run on node {} is resumed here by run {}", lease.pipelineId(), lease.nodeId(),
                    run.id());
        } catch (IllegalStateException e) {
            // another node recovered it first: its lease decides
            LOG.debug("pipeline {} was recovered elsewhere: {}", lease.pipelineId(), e.getMessage());
        }
    }

    @Override
    public String node() {
        return node;
    }

    private void restart(String pipelineId) {
        try {
            Run run = start(pipelineId, RESTART);
            LOG.info("change capture of pipeline {} started again after the server restart (run {})", pipelineId, run.id());
        } catch (RuntimeException e) {
            LOG.warn("change capture of pipeline {} could not start again after the server restart: {}", pipelineId,
                    e.getMessage());
        }
    }

    /** @return whether the pipeline has change-capture streams that follow their log until stopped */
    static boolean followsChanges(Pipeline pipeline) {
        try {
            PipelineDefinition definition = PipelineDefinition.of(pipeline.definition());
            return definition.followChanges()
                    && definition.streams().stream().anyMatch(s -> s.syncMode() == SyncMode.CDC);
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public synchronized Run start(String pipelineId, String trigger) {
        Pipeline pipeline = services.pipelines().byId(pipelineId)
                .orElseThrow(() -> new NoSuchElementException("no pipeline " + pipelineId));
        Active running = active.get(pipelineId);
        if (running != null) {
            throw new IllegalStateException("pipeline " + pipeline.name() + " is already running (run " + running.runId() + ")");
        }
        // the database decides, whichever node starts it: one lease per pipeline
        String key = UUID.randomUUID().toString();
        Optional<Lease> held = leases.claim(pipelineId, key, node, services.clock().instant(), LEASE);
        if (held.isPresent() && held.get().nodeId().equals(node)) {
            // this node's own lease of a run that ended without letting go (the database was away then)
            leases.release(held.get().runId());
            held = leases.claim(pipelineId, key, node, services.clock().instant(), LEASE);
        }
        if (held.isPresent()) {
            throw new IllegalStateException("pipeline " + pipeline.name() + " is already running (run "
                    + held.get().runId() + " on node " + held.get().nodeId() + ")");
        }
        Run run;
        try {
            run = services.runs().create(pipelineId, trigger);
            leases.attach(pipelineId, key, run.id());
        } catch (RuntimeException e) {
            leases.release(key);
            throw e;
        }
        RunControl control = new RunControl();
        active.put(pipelineId, new Active(run.id(), pipeline, trigger, control));
        RunStateEvents.post(services, run.id(), pipelineId, pipeline.name(), trigger, RunStatus.QUEUED, null, null);
        (followsChanges(pipeline) ? feeds : workers).execute(new PipelineRun(run.id(), trigger, pipeline, services,
                control, () -> ended(pipelineId, run.id())));
        return run;
    }

    private void ended(String pipelineId, String runId) {
        active.remove(pipelineId);
        try {
            leases.release(runId);
        } catch (RuntimeException e) {
            // the lease lapses by itself; this node takes it back at the pipeline's next start
            LOG.warn("the lease of run {} could not be released: {}", runId, e.getMessage());
        }
    }

    @Override
    public Optional<Run> pause(String runId) {
        return toggle(runId, true);
    }

    @Override
    public Optional<Run> resume(String runId) {
        return toggle(runId, false);
    }

    /** Pauses or resumes an active run; an ended or unknown run is answered as it is. */
    private synchronized Optional<Run> toggle(String runId, boolean pause) {
        Optional<Active> match = active.values().stream().filter(a -> a.runId().equals(runId)).findFirst();
        if (match.isPresent()) {
            Active run = match.get();
            RunStatus status = pause ? RunStatus.PAUSED : RunStatus.RUNNING;
            boolean changed;
            synchronized (run.control()) {
                changed = pause ? run.control().pause() : run.control().resume();
                if (changed) {
                    services.runs().setStatus(runId, status, null, services.clock().instant());
                }
            }
            if (changed) {
                services.runs().log(runId, services.clock().instant(), "info",
                        pause ? "pause requested: streams wait at their next batch boundary" : "resumed");
                RunStateEvents.post(services, runId, run.pipeline().id(), run.pipeline().name(), run.trigger(), status,
                        pause ? RunStatus.RUNNING : RunStatus.PAUSED, null);
            }
        }
        return services.runs().byId(runId);
    }

    @Override
    public Optional<Run> cancel(String runId) {
        Optional<Run> run = services.runs().byId(runId);
        run.ifPresent(r -> active.values().stream().filter(a -> a.runId().equals(runId))
                .forEach(a -> a.control().stop(RunControl.Stop.CANCELLED)));
        return run;
    }

    @Override
    public List<Outcome> replay(List<String> ids) {
        return replayer.replay(ids);
    }

    /** The server stops: runs stop at their next batch boundary as interrupted, offsets kept. */
    @Deactivate
    void deactivate() {
        restarts.shutdownNow();
        active.values().forEach(a -> a.control().stop(RunControl.Stop.INTERRUPTED));
        workers.shutdown();
        feeds.shutdown();
        try {
            if (!workers.awaitTermination(30, TimeUnit.SECONDS) || !feeds.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("runs did not stop within 30 s; they will be marked interrupted at the next start");
                workers.shutdownNow();
                feeds.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            services.events().close();
        }
    }
}
