package io.arus.core.engine.internal;

import io.arus.api.record.RecordBatch;
import io.arus.api.type.Schema;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns row values into JSON-friendly ones (for dead letters, the raw zone and offsets). */
final class JsonValues {
    private JsonValues() {
    }

    static Map<String, Object> row(Schema schema, Object[] row) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < schema.size(); i++) {
            if (row[i] != RecordBatch.ABSENT) {
                map.put(schema.field(i).name(), value(row[i]));
            }
        }
        return map;
    }

    static Object value(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Integer
                || value instanceof Long || value instanceof Short || value instanceof BigDecimal) {
            return value;
        }
        if (value instanceof Double d) {
            return d.isNaN() || d.isInfinite() ? d.toString() : d;
        }
        if (value instanceof Float f) {
            return f.isNaN() || f.isInfinite() ? f.toString() : f.doubleValue();
        }
        if (value instanceof byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(v -> out.add(value(v)));
            return out;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), value(v)));
            return out;
        }
        // Instant, LocalDate(Time), LocalTime, UUID: their ISO-8601 / canonical text
        return value.toString();
    }
}
