package io.arus.core.notify.internal;

import static io.arus.core.store.RunStatus.CANCELLED;
import static io.arus.core.store.RunStatus.FAILED;
import static io.arus.core.store.RunStatus.INTERRUPTED;
import static io.arus.core.store.RunStatus.QUEUED;
import static io.arus.core.store.RunStatus.SUCCEEDED;
import static io.arus.core.store.RunStatus.SUCCEEDED_WITH_WARNINGS;
import static org.assertj.core.api.Assertions.assertThat;

import io.arus.core.store.Run;
import io.arus.core.store.RunStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecoveryTest {
    @Test
    void aSuccessAfterAFailureIsARecovery() {
        assertThat(Recovery.previousRunFailed(List.of(run("r3", SUCCEEDED), run("r2", FAILED), run("r1", SUCCEEDED)),
                "r3")).isTrue();
    }

    @Test
    void aSuccessAfterASuccessOrWithoutHistoryIsNot() {
        assertThat(Recovery.previousRunFailed(List.of(run("r3", SUCCEEDED), run("r2", SUCCEEDED), run("r1", FAILED)),
                "r3")).isFalse();
        assertThat(Recovery.previousRunFailed(List.of(run("r1", SUCCEEDED)), "r1")).isFalse();
    }

    @Test
    void aSuccessWithWarningsIsASuccessOnEitherSide() {
        assertThat(Recovery.previousRunFailed(List.of(run("r3", SUCCEEDED_WITH_WARNINGS), run("r2", FAILED)), "r3"))
                .isTrue();
        assertThat(Recovery.previousRunFailed(List.of(run("r3", SUCCEEDED), run("r2", SUCCEEDED_WITH_WARNINGS),
                run("r1", FAILED)), "r3")).isFalse();
    }

    @Test
    void cancelledAndInterruptedRunsInBetweenAreSkipped() {
        assertThat(Recovery.previousRunFailed(List.of(run("r4", SUCCEEDED), run("r3", CANCELLED),
                run("r2", INTERRUPTED), run("r1", FAILED)), "r4")).isTrue();
    }

    @Test
    void runsQueuedAfterTheSucceededOneDoNotCount() {
        assertThat(Recovery.previousRunFailed(List.of(run("r4", QUEUED), run("r3", SUCCEEDED), run("r2", FAILED)),
                "r3")).isTrue();
        assertThat(Recovery.previousRunFailed(List.of(run("r4", FAILED), run("r3", SUCCEEDED), run("r2", SUCCEEDED)),
                "r3")).isFalse();
    }

    @Test
    void aRunThatIsNotListedIsNoRecovery() {
        assertThat(Recovery.previousRunFailed(List.of(run("r2", FAILED)), "r9")).isFalse();
    }

    private static Run run(String id, RunStatus status) {
        return new Run(id, "p", status, "api", Instant.EPOCH, Instant.EPOCH, status.isFinal() ? Instant.EPOCH : null,
                null);
    }
}
