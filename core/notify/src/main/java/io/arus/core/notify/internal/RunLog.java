package io.arus.core.notify.internal;

import java.time.Instant;

/** Where a delivery writes its outcome for the run's readers: the run's log in the store. */
@FunctionalInterface
interface RunLog {
    /** Appends a line (never a secret) to the run's log. */
    void log(String runId, Instant at, String level, String message);
}
