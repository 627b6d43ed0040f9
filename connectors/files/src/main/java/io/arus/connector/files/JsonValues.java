package io.arus.connector.files;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Row values to JSON and back with Jackson's streaming API (JSON Lines, and arrays and structs in CSV). */
final class JsonValues {
    static final JsonFactory FACTORY = JsonFactory.builder().build();

    private JsonValues() {
    }

    static String toJson(Object value) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            write(g, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Writes one value: numbers as JSON numbers, temporal values, UUIDs and bytes as their text. */
    static void write(JsonGenerator g, Object value) throws IOException {
        if (value == null || value == io.arus.api.record.RecordBatch.ABSENT) {
            g.writeNull();
        } else if (value instanceof String s) {
            g.writeString(s);
        } else if (value instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (value instanceof Short || value instanceof Integer) {
            g.writeNumber(((Number) value).intValue());
        } else if (value instanceof Long l) {
            g.writeNumber(l);
        } else if (value instanceof Float f) {
            g.writeNumber(f);
        } else if (value instanceof Double d) {
            g.writeNumber(d);
        } else if (value instanceof BigDecimal d) {
            g.writeNumber(d);
        } else if (value instanceof List<?> list) {
            g.writeStartArray();
            for (Object v : list) {
                write(g, v);
            }
            g.writeEndArray();
        } else if (value instanceof Map<?, ?> map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                write(g, e.getValue());
            }
            g.writeEndObject();
        } else if (value instanceof Instant || value instanceof LocalDate || value instanceof LocalDateTime
                || value instanceof LocalTime || value instanceof UUID || value instanceof byte[]) {
            g.writeString(ValueText.format(value));
        } else {
            g.writeString(value.toString());
        }
    }

    static Object fromJson(String text) {
        try (JsonParser p = FACTORY.createParser(text)) {
            p.nextToken();
            return read(p);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
    }

    /** Reads the value at the current token: objects as maps, arrays as lists, numbers as Long or BigDecimal. */
    static Object read(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == null) {
            throw new IOException("no value");
        }
        return switch (t) {
            case VALUE_NULL -> null;
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_STRING -> p.getText();
            case VALUE_NUMBER_INT -> p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                    ? new BigDecimal(p.getBigIntegerValue()) : (Object) p.getLongValue();
            case VALUE_NUMBER_FLOAT -> p.getDecimalValue();
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    list.add(read(p));
                }
                yield list;
            }
            case START_OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    map.put(name, read(p));
                }
                yield map;
            }
            default -> throw new IOException("unexpected " + t);
        };
    }
}
