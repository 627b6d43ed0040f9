package io.arus.core.store.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Configuration maps (and other maps of JSON-friendly values) as the JSON text the database columns hold. */
final class ConfigJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };
    // A double cannot hold every value of a NUMERIC column: a rejected row must be replayed with every digit
    private static final ObjectReader EXACT = MAPPER.readerFor(MAP)
            .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

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

    /**
     * Like {@link #read}, but numbers with a fraction or an exponent come back as BigDecimal with every digit
     * (whole numbers still as Integer, Long or BigInteger).
     */
    static Map<String, Object> readExact(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        try {
            return Collections.unmodifiableMap(EXACT.readValue(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored values are not a JSON object: " + e.getOriginalMessage(), e);
        }
    }
}
