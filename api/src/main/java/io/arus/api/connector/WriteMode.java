package io.arus.api.connector;

import java.util.Locale;

/** How a writer puts rows into its target table. */
public enum WriteMode {
    /** Insert every row; a re-delivered batch is inserted again. */
    APPEND,
    /** Insert or update by primary key; re-delivering a batch changes nothing. */
    UPSERT,
    /** Write into a staging table and swap it in atomically on {@link StreamWriter#complete()}. */
    REPLACE;

    /** @return the lower-case name used in JSON, e.g. {@code "upsert"} */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
