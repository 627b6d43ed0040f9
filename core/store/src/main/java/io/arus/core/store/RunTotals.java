package io.arus.core.store;

/**
 * The counters of a run: the sums over its streams.
 *
 * @since 1.4
 */
public record RunTotals(long rowsRead, long rowsWritten, long rowsDeleted, long rowsRejected) {
    /** A run without streams. */
    public static final RunTotals NONE = new RunTotals(0, 0, 0, 0);
}
