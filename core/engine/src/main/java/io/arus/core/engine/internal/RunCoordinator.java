package io.arus.core.engine.internal;

import io.arus.core.engine.DeadLetterReplay;
import io.arus.core.engine.RunService;
import io.arus.core.platform.PluginCatalog;
import io.arus.core.security.ConnectionSecrets;
import io.arus.core.security.SecretBox;
import io.arus.core.store.ConnectionStore;
import io.arus.core.store.DeadLetterStore;
import io.arus.core.store.Pipeline;
import io.arus.core.store.PipelineStore;
import io.arus.core.store.Run;
import io.arus.core.store.RunStatus;
import io.arus.core.store.RunStore;
import io.arus.core.store.StreamOffsetStore;
import io.arus.core.store.StreamSchemaStore;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
 * stored offsets on the next run.
 */
@Component(service = {RunService.class, DeadLetterReplay.class}, immediate = true)
public final class RunCoordinator implements RunService, DeadLetterReplay {
    private static final Logger LOG = LoggerFactory.getLogger(RunCoordinator.class);
    private static final int WORKERS = 4;

    private final EngineServices services;
    private final Replayer replayer;
    private final ExecutorService workers;
    private final Map<String, Active> active = new ConcurrentHashMap<>();

    private record Active(String runId, Pipeline pipeline, String trigger, RunControl control) {
    }

    @Activate
    public RunCoordinator(@Reference PipelineStore pipelines, @Reference ConnectionStore connections,
                          @Reference RunStore runs, @Reference StreamOffsetStore offsets,
                          @Reference StreamSchemaStore schemas, @Reference DeadLetterStore deadLetters,
                          @Reference PluginCatalog catalog, @Reference SecretBox box) {
        this(new EngineServices(pipelines, connections, runs, new StreamState(offsets, schemas), deadLetters, catalog,
                new ConnectionSecrets(box), Clock.systemUTC(), new EventSink()));
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

    RunCoordinator(EngineServices services) {
        this.services = services;
        this.replayer = new Replayer(services);
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(WORKERS, r -> new Thread(r, "arus-worker-" + n.incrementAndGet()));
        for (Run stale : services.runs().withStatus(List.of(RunStatus.QUEUED, RunStatus.RUNNING, RunStatus.PAUSED))) {
            services.runs().setStatus(stale.id(), RunStatus.INTERRUPTED,
                    "the server stopped during the run; the next run resumes from the stored offsets", services.clock().instant());
            services.runs().log(stale.id(), services.clock().instant(), "warn", "marked interrupted at server start");
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
        Run run = services.runs().create(pipelineId, trigger);
        RunControl control = new RunControl();
        active.put(pipelineId, new Active(run.id(), pipeline, trigger, control));
        RunStateEvents.post(services, run.id(), pipelineId, pipeline.name(), trigger, RunStatus.QUEUED, null, null);
        workers.execute(new PipelineRun(run.id(), trigger, pipeline, services, control, () -> active.remove(pipelineId)));
        return run;
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
        active.values().forEach(a -> a.control().stop(RunControl.Stop.INTERRUPTED));
        workers.shutdown();
        try {
            if (!workers.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("runs did not stop within 30 s; they will be marked interrupted at the next start");
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            services.events().close();
        }
    }
}
