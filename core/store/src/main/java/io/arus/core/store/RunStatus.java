package io.arus.core.store;

import java.util.Locale;

/** The states of a run (and of each of its streams). */
public enum RunStatus {
    /** Waiting for a worker. */ QUEUED,
    /** Moving rows. */ RUNNING,
    /** Stopped at a batch boundary, offsets kept; resumable. */ PAUSED,
    /** Every stream finished, no row was rejected and no quality check warned. */ SUCCEEDED,
    /**
     * Every stream finished and the data landed, but rows were rejected (dead letters) or a quality check warned.
     * As successful as {@link #SUCCEEDED} for dependencies and "last successful run".
     *
     * @since 1.4
     */
    SUCCEEDED_WITH_WARNINGS,
    /** A stream failed, a failing check or the error threshold stopped it. */ FAILED,
    /** Stopped by a user. */ CANCELLED,
    /** The server stopped or died under it, or its connector went away; the next run resumes from the offsets. */ INTERRUPTED;

    /** @return the lower-case name used in JSON and the database */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return whether the run is over */
    public boolean isFinal() {
        return isSuccessful() || this == FAILED || this == CANCELLED || this == INTERRUPTED;
    }

    /**
     * @return whether the run ended with its data landed: {@link #SUCCEEDED} or {@link #SUCCEEDED_WITH_WARNINGS}
     * @since 1.4
     */
    public boolean isSuccessful() {
        return this == SUCCEEDED || this == SUCCEEDED_WITH_WARNINGS;
    }

    /** @param id a lower-case name @return the status */
    public static RunStatus parse(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
