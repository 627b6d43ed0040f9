package io.arus.core.store;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Figures over recent runs, for the dashboard.
 *
 * @param runsByStatus   runs created since the first instant asked, by status id
 * @param rowsPerDay     rows written per UTC day by runs that ended since the second instant asked, oldest first
 * @param slowestStreams the streams of those runs that took longest, slowest first
 */
public record RunStatistics(Map<String, Long> runsByStatus, Map<LocalDate, Long> rowsPerDay,
                            List<SlowStream> slowestStreams) {
    /** A stream of a run with how long it took. */
    public record SlowStream(String runId, String pipelineId, String stream, long durationMs, long rowsWritten) {
    }

    public RunStatistics {
        runsByStatus = Map.copyOf(runsByStatus);
        rowsPerDay = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(rowsPerDay));
        slowestStreams = List.copyOf(slowestStreams);
    }
}
