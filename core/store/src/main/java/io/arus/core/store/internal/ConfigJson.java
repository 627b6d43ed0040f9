package io.arus.core.store.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Configuration maps as the JSON text the {@code config} columns hold. */
final class ConfigJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };

    private ConfigJson() {
    }

    /**
     * @param config JSON-friendly values (strings, numbers, booleans, null, lists and maps of them); null is empty
     * @throws IllegalArgumentException for a value JSON cannot hold
     */
    static String write(Map<String, Object> config) {
        try {
            return MAPPER.writeValueAsString(config == null ? Map.of() : config);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("configuration is not JSON-friendly: " + e.getOriginalMessage(), e);
        }
    }

    /** @return the map (whole numbers come back as Integer or Long), unmodifiable at the top level */
    static Map<String, Object> read(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        try {
            return Collections.unmodifiableMap(MAPPER.readValue(json, MAP));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored configuration is not a JSON object: " + e.getOriginalMessage(), e);
        }
    }
}
