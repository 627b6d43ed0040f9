package io.arus.core.store;

import java.time.Instant;

/**
 * One point of a run's throughput series: the run's totals at an instant.
 *
 * @param at             when
 * @param rowsRead       rows the run had read by then
 * @param rowsWritten    rows it had written by then
 * @param rowsPerSecond  rows written per second since the point before (or since the start)
 * @since 1.4
 */
public record RunSample(Instant at, long rowsRead, long rowsWritten, double rowsPerSecond) {
}
