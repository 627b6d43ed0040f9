package io.arus.core.engine.internal;

import io.arus.core.store.RunStatus;
import java.util.List;

/**
 * How a run ends, from how its streams ended: stopped runs end cancelled or interrupted, a failed stream fails the
 * run, and a run whose every stream finished ends {@link RunStatus#SUCCEEDED_WITH_WARNINGS} when a stream rejected
 * rows or a quality check warned, else {@link RunStatus#SUCCEEDED}.
 *
 * @param status the run's final status
 * @param error  why it failed or stopped, or null
 */
record RunOutcome(RunStatus status, String error) {
    /**
     * @param stop     why the run was stopped, or null when it was not
     * @param detail   what the stop said, or null
     * @param failures why streams failed, one entry per failed stream
     * @param warned   whether a stream rejected rows or a quality check of one warned
     */
    static RunOutcome of(RunControl.Stop stop, String detail, List<String> failures, boolean warned) {
        if (stop != null) {
            RunStatus status = stop == RunControl.Stop.CANCELLED ? RunStatus.CANCELLED : RunStatus.INTERRUPTED;
            return new RunOutcome(status, detail != null ? detail
                    : status == RunStatus.CANCELLED ? "cancelled" : "interrupted; the next run resumes from the stored offsets");
        }
        if (!failures.isEmpty()) {
            return new RunOutcome(RunStatus.FAILED, String.join("; ", failures));
        }
        return new RunOutcome(warned ? RunStatus.SUCCEEDED_WITH_WARNINGS : RunStatus.SUCCEEDED, null);
    }

    /**
     * @param rowsRejected rows of the stream sent to dead letters
     * @param checkWarned  whether one of its quality checks warned
     * @return how a stream that finished ends
     */
    static RunStatus finishedStream(long rowsRejected, boolean checkWarned) {
        return rowsRejected > 0 || checkWarned ? RunStatus.SUCCEEDED_WITH_WARNINGS : RunStatus.SUCCEEDED;
    }
}
