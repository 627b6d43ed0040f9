package io.arus.core.scheduler.internal;

import io.arus.core.store.Run;
import io.arus.core.store.RunStatus;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a downstream pipeline may start after one of its upstreams succeeded: every upstream's latest run
 * succeeded (with warnings too: its data landed), and ended after the downstream's last run started (so that run has not already seen its data). A
 * downstream that never ran only needs the successes.
 *
 * @param ready  start the downstream
 * @param reason when not ready, what it waits for
 */
record DependencyCheck(boolean ready, String reason) {
    private static final DependencyCheck READY = new DependencyCheck(true, null);

    /**
     * @param lastRun        the downstream's newest run, empty when it never ran
     * @param latestUpstream each upstream's id (or name, for the message) to its newest run, empty when it never ran
     */
    static DependencyCheck of(Optional<Run> lastRun, Map<String, Optional<Run>> latestUpstream) {
        Instant lastStart = lastRun.map(run -> run.startedAt() != null ? run.startedAt() : run.createdAt()).orElse(null);
        for (Map.Entry<String, Optional<Run>> upstream : latestUpstream.entrySet()) {
            Optional<Run> latest = upstream.getValue();
            if (latest.isEmpty()) {
                return waiting("upstream " + upstream.getKey() + " never ran");
            }
            Run run = latest.get();
            if (!run.status().isSuccessful()) {
                return waiting("the latest run of upstream " + upstream.getKey() + " is " + run.status().id());
            }
            if (lastStart != null && (run.endedAt() == null || !run.endedAt().isAfter(lastStart))) {
                return waiting("upstream " + upstream.getKey() + " has not succeeded since the last run started");
            }
        }
        return READY;
    }

    private static DependencyCheck waiting(String reason) {
        return new DependencyCheck(false, reason);
    }
}
