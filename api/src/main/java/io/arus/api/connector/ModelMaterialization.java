package io.arus.api.connector;

import java.util.Locale;

/** How a SQL model lands in the destination. */
public enum ModelMaterialization {
    /** A table rebuilt from the SELECT on every run, swapped in whole (readers never see it half built). */
    TABLE,
    /** A view over the SELECT, replaced on every run. */
    VIEW,
    /**
     * A table created from the SELECT on the first run; on later runs the SELECT's rows are added (or, with a
     * unique key, replace the rows of the same key). The SELECT may filter on {@code {{ this }}} to take only new rows.
     */
    INCREMENTAL;

    /** @return the lower-case name used in JSON, e.g. {@code "incremental"} */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
