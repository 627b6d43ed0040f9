package io.arus.core.engine.internal;

import io.arus.core.store.RunStore;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The log of one run: kept with the run (for the console) and written to the server log with the run id. */
final class RunJournal {
    private static final Logger LOG = LoggerFactory.getLogger("io.arus.run");

    private final RunStore runs;
    private final String runId;
    private final Clock clock;

    RunJournal(RunStore runs, String runId, Clock clock) {
        this.runs = runs;
        this.runId = runId;
        this.clock = clock;
    }

    String runId() {
        return runId;
    }

    void info(String message) {
        LOG.info("[run {}] {}", runId, message);
        runs.log(runId, clock.instant(), "info", message);
    }

    void warn(String message) {
        LOG.warn("[run {}] {}", runId, message);
        runs.log(runId, clock.instant(), "warn", message);
    }

    void error(String message, Throwable cause) {
        LOG.error("[run {}] {}", runId, message, cause);
        runs.log(runId, clock.instant(), "error", message);
    }

    void log(System.Logger.Level level, String message) {
        switch (level) {
            case ERROR -> error(message, null);
            case WARNING -> warn(message);
            case DEBUG, TRACE -> {
                LOG.debug("[run {}] {}", runId, message);
                runs.log(runId, clock.instant(), "debug", message);
            }
            default -> info(message);
        }
    }
}
