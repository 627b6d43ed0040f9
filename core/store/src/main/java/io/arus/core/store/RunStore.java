package io.arus.core.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** Runs, their per-stream counters and their logs. */
@ProviderType
public interface RunStore {
    /** @return a new run in the QUEUED state */
    Run create(String pipelineId, String trigger);

    /** @return the run */
    Optional<Run> byId(String id);

    /** @return the pipeline's runs, newest first */
    List<Run> list(String pipelineId, int limit);

    /**
     * @return the newest run of every pipeline that has one, by pipeline id (one query, for lists of pipelines)
     */
    Map<String, Run> latestByPipeline();

    /** @return the newest runs of all pipelines, newest first */
    List<Run> recent(int limit);

    /** @return runs in any of these states, oldest first (to find runs a dead node left RUNNING) */
    List<Run> withStatus(List<RunStatus> statuses);

    /**
     * Moves a run to a status; sets startedAt when it becomes RUNNING (first time only) and endedAt when the
     * status is final.
     *
     * @param error why it failed, or null
     */
    void setStatus(String runId, RunStatus status, String error, Instant at);

    /** Inserts or replaces the counters of one stream of a run. */
    void saveStream(RunStream stream);

    /** @return the run's streams, by stream name */
    List<RunStream> streams(String runId);

    /** Appends a log line. */
    void log(String runId, Instant at, String level, String message);

    /**
     * @param afterId only lines with a larger id (0 for all), to follow a log
     * @return up to {@code limit} lines, oldest first
     */
    List<RunLogLine> logs(String runId, long afterId, int limit);

    /**
     * @param statusSince   count runs created since then, by status
     * @param rowsSince     sum rows written per UTC day by runs that ended since then
     * @param slowestLimit  how many of the slowest streams (of runs that ended since {@code rowsSince}) to answer
     * @return the figures
     */
    RunStatistics statistics(Instant statusSince, Instant rowsSince, int slowestLimit);
}
