package io.arus.core.store;

import java.time.Instant;

/**
 * A line of a run's log.
 *
 * @param id      increasing within the database
 * @param runId   the run
 * @param at      when
 * @param level   {@code debug}, {@code info}, {@code warn} or {@code error}
 * @param message the line (never a secret)
 */
public record RunLogLine(long id, String runId, Instant at, String level, String message) {
}
