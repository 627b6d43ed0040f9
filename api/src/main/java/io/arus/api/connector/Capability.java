package io.arus.api.connector;

import java.util.Locale;

/** What a connector type can do. */
public enum Capability {
    /** Reads streams: {@link ConnectorSession#discover()}, {@link ConnectorSession#openReader}. */
    SOURCE,
    /** Writes streams: {@link ConnectorSession#openWriter}. */
    DESTINATION,
    /** Reads from a resume offset by a cursor column ({@link SyncMode#INCREMENTAL}). */
    INCREMENTAL,
    /** Reads a change log ({@link SyncMode#CDC}). */
    CDC,
    /** Writes in {@link WriteMode#UPSERT} mode, merging by primary key. */
    UPSERT,
    /** Cuts a stream into several {@link Split}s that can be read in parallel. */
    SPLITS,
    /** Runs SQL models in the destination (ELT push-down): {@link ConnectorSession#runModel}. */
    SQL_MODELS;

    /** @return the lower-case name used in JSON, e.g. {@code "incremental"} */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
