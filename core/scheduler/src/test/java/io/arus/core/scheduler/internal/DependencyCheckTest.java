package io.arus.core.scheduler.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.arus.core.store.Run;
import io.arus.core.store.RunStatus;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DependencyCheckTest {
    private static final Instant T0 = Instant.parse("2025-05-01T10:00:00Z");

    @Test
    void aDownstreamThatNeverRanStartsOnceEveryUpstreamSucceeded() {
        assertThat(DependencyCheck.of(Optional.empty(), upstreams(succeeded(1, 2), succeeded(3, 4))).ready()).isTrue();
    }

    @Test
    void anUpstreamWhoseDataLandedWithWarningsCountsAsSucceeded() {
        assertThat(DependencyCheck.of(Optional.empty(), upstreams(succeeded(1, 2),
                run(RunStatus.SUCCEEDED_WITH_WARNINGS, 3, 4))).ready()).isTrue();
    }

    @Test
    void aFailedUpstreamNeverStartsTheDownstream() {
        DependencyCheck check = DependencyCheck.of(Optional.empty(), upstreams(succeeded(1, 2), run(RunStatus.FAILED, 3, 4)));

        assertThat(check.ready()).isFalse();
        assertThat(check.reason()).isEqualTo("the latest run of upstream u2 is failed");
    }

    @Test
    void anUpstreamThatNeverRanHoldsTheDownstreamBack() {
        Map<String, Optional<Run>> latest = new LinkedHashMap<>(upstreams(succeeded(1, 2)));
        latest.put("u2", Optional.empty());

        assertThat(DependencyCheck.of(Optional.empty(), latest).reason()).isEqualTo("upstream u2 never ran");
    }

    @Test
    void anUpstreamRunningAgainHoldsTheDownstreamBack() {
        assertThat(DependencyCheck.of(Optional.empty(), upstreams(run(RunStatus.RUNNING, 5, -1))).reason())
                .isEqualTo("the latest run of upstream u1 is running");
    }

    @Test
    void theDownstreamWaitsForEveryUpstreamToSucceedAfterItsLastRunStarted() {
        Optional<Run> last = Optional.of(run(RunStatus.SUCCEEDED, 10, 12));

        DependencyCheck stale = DependencyCheck.of(last, upstreams(succeeded(20, 21), succeeded(1, 9)));
        assertThat(stale.ready()).isFalse();
        assertThat(stale.reason()).isEqualTo("upstream u2 has not succeeded since the last run started");

        assertThat(DependencyCheck.of(last, upstreams(succeeded(20, 21), succeeded(8, 11))).ready())
                .as("ended after the downstream started, though it started before").isTrue();
        assertThat(DependencyCheck.of(last, upstreams(succeeded(1, 10))).ready())
                .as("ending at the very instant the downstream started is not after it").isFalse();
    }

    @Test
    void aQueuedDownstreamRunCountsFromWhenItWasQueued() {
        Run queued = new Run("d", "down", RunStatus.QUEUED, "manual", T0.plusSeconds(10), null, null, null);

        assertThat(DependencyCheck.of(Optional.of(queued), upstreams(succeeded(1, 5))).ready()).isFalse();
        assertThat(DependencyCheck.of(Optional.of(queued), upstreams(succeeded(1, 15))).ready()).isTrue();
    }

    private static Run succeeded(int startSecond, int endSecond) {
        return run(RunStatus.SUCCEEDED, startSecond, endSecond);
    }

    private static Run run(RunStatus status, int startSecond, int endSecond) {
        return new Run("r" + startSecond, "p", status, "schedule", T0.plusSeconds(startSecond),
                T0.plusSeconds(startSecond), endSecond < 0 ? null : T0.plusSeconds(endSecond), null);
    }

    private static Map<String, Optional<Run>> upstreams(Run... latest) {
        Map<String, Optional<Run>> map = new LinkedHashMap<>();
        for (int i = 0; i < latest.length; i++) {
            map.put("u" + (i + 1), Optional.of(latest[i]));
        }
        return map;
    }
}
