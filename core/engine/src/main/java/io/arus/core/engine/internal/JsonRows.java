package io.arus.core.engine.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.arus.api.type.Field;
import io.arus.api.type.LogicalType;
import io.arus.api.type.Schema;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The inverse of {@link JsonValues}: a stored JSON-friendly row back to the Java values of its schema. */
final class JsonRows {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonRows() {
    }

    static Object[] row(Schema schema, Map<String, Object> values) {
        Object[] row = new Object[schema.size()];
        for (int i = 0; i < schema.size(); i++) {
            Field field = schema.field(i);
            row[i] = value(field.type(), values.get(field.name()));
        }
        return row;
    }

    static Object value(LogicalType type, Object value) {
        if (value == null) {
            return null;
        }
        return switch (type.kind()) {
            case BOOLEAN -> value instanceof Boolean b ? b : Boolean.parseBoolean(value.toString());
            case INT16 -> (short) number(value).intValue();
            case INT32 -> number(value).intValue();
            case INT64 -> number(value).longValue();
            case FLOAT32 -> number(value).floatValue();
            case FLOAT64 -> number(value).doubleValue();
            case DECIMAL -> value instanceof BigDecimal d ? d : new BigDecimal(value.toString());
            case STRING -> value.toString();
            case BYTES -> Base64.getDecoder().decode(value.toString());
            case DATE -> LocalDate.parse(value.toString());
            case TIME -> LocalTime.parse(value.toString());
            case TIMESTAMP -> LocalDateTime.parse(value.toString());
            case TIMESTAMPTZ -> Instant.parse(value.toString());
            case UUID -> UUID.fromString(value.toString());
            case JSON -> value instanceof String text ? text : json(value);
            case ARRAY -> {
                List<Object> list = new ArrayList<>();
                for (Object item : (List<?>) value) {
                    list.add(value(type.element(), item));
                }
                yield list;
            }
            case STRUCT -> {
                Map<String, Object> struct = new LinkedHashMap<>();
                Map<?, ?> map = (Map<?, ?>) value;
                for (Field member : type.fields()) {
                    struct.put(member.name(), value(member.type(), map.get(member.name())));
                }
                yield struct;
            }
        };
    }

    private static BigDecimal number(Object value) {
        return value instanceof BigDecimal d ? d : new BigDecimal(value.toString());
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
