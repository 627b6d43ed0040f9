package io.arus.core.scheduler.internal;

import io.arus.core.engine.RunService;
import io.arus.core.store.Run;
import io.arus.core.store.RunStatus;
import io.arus.core.store.fixture.MemoryRuns;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records the runs asked for; a started run stays RUNNING until the test ends it, as the engine would. */
final class RecordingRunService implements RunService {
    /** "pipelineId trigger" of every started run, in order. */
    final List<String> started = new CopyOnWriteArrayList<>();
    private final MemoryPipelines pipelines;
    private final MemoryRuns runs;

    RecordingRunService(MemoryPipelines pipelines, MemoryRuns runs) {
        this.pipelines = pipelines;
        this.runs = runs;
    }

    @Override
    public synchronized Run start(String pipelineId, String trigger) {
        if (pipelines.byId(pipelineId).isEmpty()) {
            throw new NoSuchElementException("no pipeline " + pipelineId);
        }
        if (runs.list(pipelineId, 1).stream().anyMatch(r -> !r.status().isFinal())) {
            throw new IllegalStateException("pipeline " + pipelineId + " is already running");
        }
        Run run = runs.create(pipelineId, trigger);
        runs.setStatus(run.id(), RunStatus.RUNNING, null, Instant.now());
        started.add(pipelineId + " " + trigger);
        return run;
    }

    /** Ends the pipeline's current run. */
    void end(String pipelineId, RunStatus status) {
        runs.list(pipelineId, 1).forEach(r -> runs.setStatus(r.id(), status, null, Instant.now()));
    }

    @Override
    public Optional<Run> cancel(String runId) {
        return Optional.empty();
    }

    @Override
    public Optional<Run> pause(String runId) {
        return Optional.empty();
    }

    @Override
    public Optional<Run> resume(String runId) {
        return Optional.empty();
    }

    @Override
    public String node() {
        return "test-node";
    }
}
