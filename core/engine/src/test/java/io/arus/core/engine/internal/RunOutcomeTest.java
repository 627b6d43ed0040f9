package io.arus.core.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.arus.core.store.RunStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunOutcomeTest {
    @Test
    void aRunWhoseStreamsAllFinishedCleanlySucceeds() {
        assertThat(RunOutcome.of(null, null, List.of(), false)).isEqualTo(new RunOutcome(RunStatus.SUCCEEDED, null));
    }

    @Test
    void aRunWhoseStreamsFinishedButRejectedRowsOrWarnedSucceedsWithWarnings() {
        assertThat(RunOutcome.of(null, null, List.of(), true))
                .isEqualTo(new RunOutcome(RunStatus.SUCCEEDED_WITH_WARNINGS, null));
    }

    @Test
    void aFailedStreamFailsTheRunEvenWhenAnotherWarned() {
        assertThat(RunOutcome.of(null, null, List.of("public.a: boom", "public.b: bang"), true))
                .isEqualTo(new RunOutcome(RunStatus.FAILED, "public.a: boom; public.b: bang"));
    }

    @Test
    void aStoppedRunIsCancelledOrInterruptedWhateverItsStreamsDid() {
        assertThat(RunOutcome.of(RunControl.Stop.CANCELLED, null, List.of(), true))
                .isEqualTo(new RunOutcome(RunStatus.CANCELLED, "cancelled"));
        assertThat(RunOutcome.of(RunControl.Stop.INTERRUPTED, "server stopping", List.of("x"), false))
                .isEqualTo(new RunOutcome(RunStatus.INTERRUPTED, "server stopping"));
        assertThat(RunOutcome.of(RunControl.Stop.INTERRUPTED, null, List.of(), false).error())
                .contains("resumes from the stored offsets");
    }

    @Test
    void aStreamEndsWithWarningsWhenItRejectedRowsOrACheckWarned() {
        assertThat(RunOutcome.finishedStream(0, false)).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(RunOutcome.finishedStream(3, false)).isEqualTo(RunStatus.SUCCEEDED_WITH_WARNINGS);
        assertThat(RunOutcome.finishedStream(0, true)).isEqualTo(RunStatus.SUCCEEDED_WITH_WARNINGS);
    }
}
