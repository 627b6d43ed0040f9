package io.arus.api.connector;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A part of a stream that one reader reads, such as a primary-key range. Opaque to the engine.
 *
 * @param id     unique within the stream, stable across runs for the same bounds (offsets are kept per split)
 * @param bounds what the connector needs to read just this part; JSON-friendly values
 */
public record Split(String id, Map<String, Object> bounds) {
    /** The whole stream as one split. */
    public static final Split WHOLE = new Split("all", Map.of());

    /** Copies the bounds into an immutable map. */
    public Split {
        Objects.requireNonNull(id, "id");
        bounds = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(bounds, "bounds")));
    }
}
