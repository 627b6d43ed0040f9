package io.arus.core.scheduler.internal;

import io.arus.core.engine.RunEvents;
import io.arus.core.store.Pipeline;
import io.arus.core.store.PipelineStore;
import io.arus.core.store.Run;
import io.arus.core.store.RunStatus;
import io.arus.core.store.RunStore;
import java.util.LinkedHashMap;
import java.util.Map;
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
 * Runs downstream pipelines: when a run of pipeline U succeeds, every enabled pipeline that depends on U starts
 * (trigger {@code dependency}) once all of its upstreams are fresh ({@link DependencyCheck}). A failed, cancelled
 * or interrupted upstream run starts nothing. The store refuses cycles when a pipeline is saved, so a chain always
 * ends.
 */
@Component(service = EventHandler.class, immediate = true,
        property = EventConstants.EVENT_TOPIC + "=" + RunEvents.RUN_STATE)
public final class DependencyTrigger implements EventHandler {
    static final String TRIGGER = "dependency";
    private static final Logger LOG = LoggerFactory.getLogger(DependencyTrigger.class);

    private final PipelineStore pipelines;
    private final RunStore runs;
    private final RunLauncher launcher;
    private final EventWorker worker;

    @Activate
    public DependencyTrigger(@Reference PipelineStore pipelines, @Reference RunStore runs,
                             @Reference RunLauncher launcher) {
        this(pipelines, runs, launcher, new EventWorker("arus-scheduler-dependencies"));
    }

    DependencyTrigger(PipelineStore pipelines, RunStore runs, RunLauncher launcher, EventWorker worker) {
        this.pipelines = pipelines;
        this.runs = runs;
        this.launcher = launcher;
        this.worker = worker;
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
        worker.close();
    }
}
