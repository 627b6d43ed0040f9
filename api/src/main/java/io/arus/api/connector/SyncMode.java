package io.arus.api.connector;

import java.util.Locale;

/** How a stream is read. */
public enum SyncMode {
    /** Every row, every run; the destination is replaced or merged. */
    FULL_REFRESH,
    /** Rows after the last offset, by keyset on (cursor column, primary key). */
    INCREMENTAL,
    /** Changes from the database's log (inserts, updates, deletes). */
    CDC;

    /** @return the lower-case name used in JSON, e.g. {@code "full_refresh"} */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
