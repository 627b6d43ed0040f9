package io.arus.core.notify.internal;

import io.arus.core.store.Run;
import io.arus.core.store.RunStatus;
import java.util.List;

/**
 * Whether a succeeded run is a recovery: the pipeline's previous run that ended in success or failure failed.
 * Cancelled and interrupted runs are skipped: they say nothing about whether the pipeline works.
 */
final class Recovery {
    /** How many of a pipeline's latest runs are looked at. */
    static final int RUNS_LOOKED_AT = 50;

    private Recovery() {
    }

    /**
     * @param newestFirst the pipeline's latest runs, newest first, the succeeded run among them
     * @param runId       the succeeded run
     * @return whether the last run before it that succeeded or failed, failed
     */
    static boolean previousRunFailed(List<Run> newestFirst, String runId) {
        boolean before = false;
        for (Run run : newestFirst) {
            if (!before) {
                before = run.id().equals(runId);
            } else if (run.status() == RunStatus.FAILED) {
                return true;
            } else if (run.status().isSuccessful()) {
                return false;
            }
        }
        return false;
    }
}
