package io.arus.core.notify.internal;

import io.arus.core.store.LogFilter;
import io.arus.core.store.Run;
import io.arus.core.store.RunFilter;
import io.arus.core.store.RunLogLine;
import io.arus.core.store.RunSample;
import io.arus.core.store.RunStatistics;
import io.arus.core.store.RunStatus;
import io.arus.core.store.RunStore;
import io.arus.core.store.RunStream;
import io.arus.core.store.RunTotals;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Runs in a list, oldest first, for tests: only what the dispatcher reads. */
final class MemoryRuns implements RunStore {
    final List<Run> runs = new ArrayList<>();

    Run add(String id, String pipelineId, RunStatus status) {
        Run run = new Run(id, pipelineId, status, "api", Instant.EPOCH, Instant.EPOCH, null, null);
        runs.add(run);
        return run;
    }

    @Override
    public Run create(String pipelineId, String trigger) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<Run> byId(String id) {
        return runs.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    @Override
    public Map<String, Run> latestByPipeline() {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<Run> recent(int limit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<Run> list(String pipelineId, int limit) {
        List<Run> newestFirst = new ArrayList<>();
        for (int i = runs.size() - 1; i >= 0 && newestFirst.size() < limit; i--) {
            if (runs.get(i).pipelineId().equals(pipelineId)) {
                newestFirst.add(runs.get(i));
            }
        }
        return newestFirst;
    }

    @Override
    public List<Run> withStatus(List<RunStatus> statuses) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void setStatus(String runId, RunStatus status, String error, Instant at) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void saveStream(RunStream stream) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<RunStream> streams(String runId) {
        return List.of();
    }

    @Override
    public void log(String runId, Instant at, String level, String message) {
        throw new UnsupportedOperationException("the dispatcher logs through its RunLog");
    }

    @Override
    public List<RunLogLine> logs(String runId, long afterId, int limit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public RunStatistics statistics(Instant statusSince, Instant rowsSince, int slowestLimit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<Run> find(RunFilter filter, int limit, int offset) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Map<String, RunTotals> totals(Collection<String> runIds) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void saveSeries(String runId, List<RunSample> samples) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<RunSample> series(String runId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<RunLogLine> logs(String runId, LogFilter filter, int limit, int offset) {
        throw new UnsupportedOperationException();
    }
}
