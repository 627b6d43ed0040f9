package io.arus.core.engine.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

/** The raw zone's JSON text of a record. */
final class RawJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RawJson() {
    }

    static String write(Map<String, Object> record) {
        try {
            return JSON.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a record could not be written as JSON", e);
        }
    }
}
