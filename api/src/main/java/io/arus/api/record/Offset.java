package io.arus.api.record;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where a stream has been read up to: opaque to the engine, meaningful to the connector that made it. The engine
 * stores the offset of a batch once the destination flushed it, and hands it back to the reader on the next run.
 * <p>
 * Values must be JSON-friendly ({@link String}, {@link Number}, {@link Boolean}, {@code null}, or lists/maps of
 * them), because the engine persists them as JSON. Typical content: {@code {"cursor": "2024-05-01T10:00:00Z",
 * "pk": [42]}} for a keyset read, or a log position for change capture.
 *
 * @param version a number the connector bumps when it changes the shape of its offsets, so it can read old ones
 * @param values  the position, immutable
 */
public record Offset(int version, Map<String, Object> values) {
    /** Copies the values into an immutable, ordered map. */
    public Offset {
        Objects.requireNonNull(values, "values");
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /**
     * @param values the position
     * @return a version-1 offset
     */
    public static Offset of(Map<String, ?> values) {
        return new Offset(1, new LinkedHashMap<>(values));
    }

    /**
     * @param key a key of the position
     * @return its value, or {@code null}
     */
    public Object get(String key) {
        return values.get(key);
    }
}
