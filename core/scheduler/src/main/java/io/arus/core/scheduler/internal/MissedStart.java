package io.arus.core.scheduler.internal;

import io.arus.core.store.Run;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a downstream pipeline missed the start an upstream's success should have given it: the server stopped
 * between the upstream's run ending and the downstream starting (the run-ended event lives in memory only). The
 * runs in the metadata database say it: an upstream succeeded after the downstream's last run ended (or, when the
 * downstream never ran, after it was last saved), long enough ago that the event would have been handled, and the
 * downstream's upstreams are all fresh ({@link DependencyCheck}). A downstream that was running when the upstream
 * ended is not a miss: its overlap policy decided then.
 */
final class MissedStart {
    /** How long the live path has to start a downstream before a sweep counts it as missed. */
    static final Duration GRACE = Duration.ofSeconds(30);

    private MissedStart() {
    }

    /**
     * @param savedAt        when the downstream pipeline was last saved
     * @param lastRun        the downstream's newest run, empty when it never ran
     * @param latestUpstream each upstream's id to its newest run, empty when it never ran
     * @param now            the time now
     * @return the upstream whose success was missed, or empty when nothing was
     */
    static Optional<String> of(Instant savedAt, Optional<Run> lastRun, Map<String, Optional<Run>> latestUpstream,
                               Instant now) {
        if (lastRun.isPresent() && !lastRun.get().status().isFinal()) {
            return Optional.empty();
        }
        Instant since = lastRun.map(run -> run.endedAt() != null ? run.endedAt() : run.createdAt()).orElse(savedAt);
        Optional<String> missed = Optional.empty();
        for (Map.Entry<String, Optional<Run>> upstream : latestUpstream.entrySet()) {
            Optional<Run> latest = upstream.getValue();
            if (latest.isPresent() && latest.get().status().isSuccessful() && latest.get().endedAt() != null
                    && latest.get().endedAt().isAfter(since) && latest.get().endedAt().isBefore(now.minus(GRACE))) {
                missed = Optional.of(upstream.getKey());
            }
        }
        return missed.filter(upstream -> DependencyCheck.of(lastRun, latestUpstream).ready());
    }
}
