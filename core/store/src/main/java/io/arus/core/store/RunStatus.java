package io.arus.core.store;

import java.util.Locale;

/** The states of a run (and of each of its streams). */
public enum RunStatus {
    /** Waiting for a worker. */ QUEUED,
    /** Moving rows. */ RUNNING,
    /** Stopped at a batch boundary, offsets kept; resumable. */ PAUSED,
    /** Every stream finished and every failing check only warned. */ SUCCEEDED,
    /** A stream failed, a failing check or the error threshold stopped it. */ FAILED,
    /** Stopped by a user. */ CANCELLED,
    /** The server stopped or died under it, or its connector went away; the next run resumes from the offsets. */ INTERRUPTED;

    /** @return the lower-case name used in JSON and the database */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return whether the run is over */
    public boolean isFinal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED || this == INTERRUPTED;
    }

    /** @param id a lower-case name @return the status */
    public static RunStatus parse(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
