package io.arus.core.scheduler.internal;

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
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/** Runs in a list, for tests; instants are whatever the test says. */
final class MemoryRuns implements RunStore {
    final List<Run> runs = new CopyOnWriteArrayList<>();
    final List<String> logLines = new CopyOnWriteArrayList<>();

    /** Adds a run of a pipeline as the newest. */
    Run add(String pipelineId, RunStatus status, Instant started, Instant ended) {
        Run run = new Run(UUID.randomUUID().toString(), pipelineId, status, "manual", started, started, ended, null);
        runs.add(run);
        return run;
    }

    @Override
    public Run create(String pipelineId, String trigger) {
        Run run = new Run(UUID.randomUUID().toString(), pipelineId, RunStatus.QUEUED, trigger, Instant.now(), null,
                null, null);
        runs.add(run);
        return run;
    }

    @Override
    public Optional<Run> byId(String id) {
        return runs.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    @Override
    public Map<String, Run> latestByPipeline() {
        Map<String, Run> latest = new HashMap<>();
        runs.forEach(run -> latest.put(run.pipelineId(), run));
        return latest;
    }

    @Override
    public List<Run> recent(int limit) {
        List<Run> newestFirst = new ArrayList<>(runs);
        Collections.reverse(newestFirst);
        return newestFirst.subList(0, Math.min(limit, newestFirst.size()));
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
        return runs.stream().filter(r -> statuses.contains(r.status())).toList();
    }

    @Override
    public void setStatus(String runId, RunStatus status, String error, Instant at) {
        for (int i = 0; i < runs.size(); i++) {
            Run r = runs.get(i);
            if (r.id().equals(runId)) {
                runs.set(i, new Run(r.id(), r.pipelineId(), status, r.trigger(), r.createdAt(),
                        r.startedAt() == null && status == RunStatus.RUNNING ? at : r.startedAt(),
                        status.isFinal() ? at : r.endedAt(), error));
            }
        }
    }

    @Override
    public void saveStream(RunStream stream) {
    }

    @Override
    public List<RunStream> streams(String runId) {
        return List.of();
    }

    @Override
    public void log(String runId, Instant at, String level, String message) {
        logLines.add(runId + " " + level + " " + message);
    }

    @Override
    public List<RunLogLine> logs(String runId, long afterId, int limit) {
        return List.of();
    }

    @Override
    public RunStatistics statistics(Instant statusSince, Instant rowsSince, int slowestLimit) {
        throw new UnsupportedOperationException("not needed by the scheduler");
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
