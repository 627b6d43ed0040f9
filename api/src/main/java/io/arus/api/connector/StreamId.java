package io.arus.api.connector;

import java.util.Objects;

/**
 * Names a stream: a table or collection in a namespace (schema or database).
 *
 * @param namespace the schema or database; empty where the system has none
 * @param name      the table or collection name, exactly as the system spells it
 */
public record StreamId(String namespace, String name) {
    /** Checks the name is present. */
    public StreamId {
        namespace = namespace == null ? "" : namespace;
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("stream name is empty");
        }
    }

    /**
     * Parses {@code "namespace.name"}; the first dot separates, so a name may contain dots.
     *
     * @param qualified {@code "namespace.name"} or {@code "name"}
     * @return the stream id
     */
    public static StreamId parse(String qualified) {
        int dot = qualified.indexOf('.');
        return dot < 0 ? new StreamId("", qualified) : new StreamId(qualified.substring(0, dot), qualified.substring(dot + 1));
    }

    /** @return {@code "namespace.name"}, or {@code "name"} without a namespace */
    @Override
    public String toString() {
        return namespace.isEmpty() ? name : namespace + "." + name;
    }
}
