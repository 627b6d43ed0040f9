package io.arus.core.store;

import java.util.Locale;

/** Whether a stored connection is read from or written to. */
public enum ConnectionKind {
    /** A source: {@code /api/sources}. */
    SOURCE,
    /** A destination: {@code /api/destinations}. */
    DESTINATION;

    /** @return the lower-case name */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
