package io.arus.core.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One step of a stream's transform chain, as a client writes it: {@code {"type": "cast", "config": {...}}}.
 *
 * @param type   the transform type key (a transform service's {@code arus.transform.type}); required
 * @param config the step's configuration, checked against the type's spec by the service; empty when absent
 */
public record TransformSpec(String type, Map<String, Object> config) {
    /** Copies the configuration, keeping its order; a missing one is empty. */
    public TransformSpec {
        config = config == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(config));
    }
}
