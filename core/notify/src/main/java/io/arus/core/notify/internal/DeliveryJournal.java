package io.arus.core.notify.internal;

import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes each attempt's outcome to the run's log and to the server's log. Messages come scrubbed of the target's
 * secrets; a run that is gone (deleted with its pipeline) only loses its line.
 */
final class DeliveryJournal {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryJournal.class);

    private final RunLog runLog;
    private final Clock clock;

    DeliveryJournal(RunLog runLog, Clock clock) {
        this.runLog = runLog;
        this.clock = clock;
    }

    /** @param what e.g. {@code notification run_failed to target 'ops' (webhook)} */
    void delivered(String runId, String what, int attempt) {
        String message = what + ": delivered" + (attempt > 1 ? " on attempt " + attempt : "");
        LOG.info("run {}: {}", runId, message);
        write(runId, "info", message);
    }

    /** A failed attempt that will be tried again after {@code wait}. */
    void retrying(String runId, String what, int attempt, int maxAttempts, String error, Duration wait) {
        String message = what + ": attempt " + attempt + " of " + maxAttempts + " failed (" + error
                + "); trying again in " + seconds(wait);
        LOG.warn("run {}: {}", runId, message);
        write(runId, "warn", message);
    }

    /** The last attempt failed: said once, in both logs. */
    void gaveUp(String runId, String what, int attempt, boolean retryable, String error) {
        String message = what + ": not delivered, " + (retryable ? "gave up after " + attempt + " attempts"
                : "permanent failure on attempt " + attempt) + " (" + error + ")";
        LOG.error("run {}: {}", runId, message);
        write(runId, "error", message);
    }

    private void write(String runId, String level, String message) {
        try {
            runLog.log(runId, clock.instant(), level, message);
        } catch (RuntimeException e) {
            LOG.debug("run {}: the notification outcome could not be added to its log: {}", runId, e.getMessage());
        }
    }

    private static String seconds(Duration wait) {
        return wait.toMillis() % 1000 == 0 ? wait.toSeconds() + " s" : wait.toMillis() + " ms";
    }
}
