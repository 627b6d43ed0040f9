package io.arus.core.store;

import java.time.Instant;
import java.util.Collection;
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

    /**
     * @param filter which runs
     * @param limit  at most this many (0 for none)
     * @param offset skip this many
     * @return the runs that match, newest first
     * @since 1.4
     */
    List<Run> find(RunFilter filter, int limit, int offset);

    /**
     * @param runIds runs
     * @return each run's counters summed over its streams (in one query), by run id; a run without streams is
     *         left out
     * @since 1.4
     */
    Map<String, RunTotals> totals(Collection<String> runIds);

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

    /**
     * Replaces the run's SQL models with these, in the order they ran (a resumed run that ran its models again
     * keeps only the last outcomes).
     *
     * @throws IllegalArgumentException when there is no such run
     * @since 1.7
     */
    void saveModels(String runId, List<RunModel> models);

    /**
     * @return the run's SQL models in the order they ran; empty when it has none or did not reach them
     * @since 1.7
     */
    List<RunModel> models(String runId);

    /**
     * Replaces the run's throughput series.
     *
     * @throws IllegalArgumentException when there is no such run
     * @since 1.4
     */
    void saveSeries(String runId, List<RunSample> samples);

    /**
     * @return the run's throughput series, oldest first; empty when none was saved
     * @since 1.4
     */
    List<RunSample> series(String runId);

    /** Appends a log line. */
    void log(String runId, Instant at, String level, String message);

    /**
     * @param afterId only lines with a larger id (0 for all), to follow a log
     * @return up to {@code limit} lines, oldest first
     */
    List<RunLogLine> logs(String runId, long afterId, int limit);

    /**
     * @param filter which lines
     * @param limit  at most this many (0 for none)
     * @param offset skip this many matching lines
     * @return the lines that match, oldest first
     * @since 1.4
     */
    List<RunLogLine> logs(String runId, LogFilter filter, int limit, int offset);

    /**
     * @param statusSince   count runs created since then, by status
     * @param rowsSince     sum rows written per UTC day by runs that ended since then
     * @param slowestLimit  how many of the slowest streams (of runs that ended since {@code rowsSince}) to answer
     * @return the figures
     */
    RunStatistics statistics(Instant statusSince, Instant rowsSince, int slowestLimit);
}
