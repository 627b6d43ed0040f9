package io.arus.transform.python;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.arus.api.type.Field;
import io.arus.api.type.LogicalType;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Converts row values to and from the runner's JSON by their logical type: numbers and booleans as JSON, decimals as
 * strings, dates and times as ISO strings, bytes as base64, UUIDs as strings, JSON columns as their text, arrays as
 * arrays and structs as objects.
 */
final class ValueCodec {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSS");
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS");
    private static final DateTimeFormatter TIMESTAMPTZ =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSxxx");
    private static final ObjectMapper JSON = new ObjectMapper();

    private ValueCodec() {
    }

    /**
     * Writes one value.
     *
     * @param out   the generator
     * @param type  the value's column type
     * @param value the value, not null
     * @throws IOException when writing fails
     */
    static void write(JsonGenerator out, LogicalType type, Object value) throws IOException {
        switch (type.kind()) {
            case BOOLEAN -> out.writeBoolean((Boolean) value);
            case INT16, INT32, INT64 -> out.writeNumber(((Number) value).longValue());
            case FLOAT32 -> out.writeNumber(((Number) value).floatValue());
            case FLOAT64 -> out.writeNumber(((Number) value).doubleValue());
            case DECIMAL -> out.writeString(((BigDecimal) value).toPlainString());
            case BYTES -> out.writeString(Base64.getEncoder().encodeToString((byte[]) value));
            case TIME -> out.writeString(TIME.format((LocalTime) value));
            case TIMESTAMP -> out.writeString(TIMESTAMP.format((LocalDateTime) value));
            case TIMESTAMPTZ -> out.writeString(TIMESTAMPTZ.format(((Instant) value).atOffset(ZoneOffset.UTC)));
            case ARRAY -> writeArray(out, type.element(), (List<?>) value);
            case STRUCT -> writeStruct(out, type.fields(), (Map<?, ?>) value);
            default -> out.writeString(value.toString());
        }
    }

    private static void writeArray(JsonGenerator out, LogicalType element, List<?> values) throws IOException {
        out.writeStartArray();
        for (Object item : values) {
            if (item == null) {
                out.writeNull();
            } else {
                write(out, element, item);
            }
        }
        out.writeEndArray();
    }

    private static void writeStruct(JsonGenerator out, List<Field> fields, Map<?, ?> values) throws IOException {
        out.writeStartObject();
        for (Field field : fields) {
            Object item = values.get(field.name());
            out.writeFieldName(field.name());
            if (item == null) {
                out.writeNull();
            } else {
                write(out, field.type(), item);
            }
        }
        out.writeEndObject();
    }

    /**
     * Reads the value at the parser's current token (the token after the field name).
     *
     * @param in   the parser, on the value's first token
     * @param type the column type the value must have
     * @return the value, or null for a JSON null
     * @throws IOException              when reading fails
     * @throws IllegalArgumentException when the value does not fit the type, with what was found
     */
    static Object read(JsonParser in, LogicalType type) throws IOException {
        JsonToken token = in.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (type.kind() == LogicalType.Kind.JSON) {
            return token == JsonToken.VALUE_STRING ? in.getText() : JSON.writeValueAsString(JSON.readTree(in));
        }
        if (type.kind() == LogicalType.Kind.ARRAY) {
            return readArray(in, type.element());
        }
        if (type.kind() == LogicalType.Kind.STRUCT) {
            return readStruct(in, type.fields());
        }
        if (token.isStructStart()) {
            throw new IllegalArgumentException("expected a " + type + " value, got a JSON "
                    + (token == JsonToken.START_ARRAY ? "list" : "object"));
        }
        return scalar(in, token, type);
    }

    private static Object scalar(JsonParser in, JsonToken token, LogicalType type) throws IOException {
        String text = in.getText();
        try {
            return switch (type.kind()) {
                case BOOLEAN -> {
                    if (!token.isBoolean()) {
                        throw new IllegalArgumentException("expected true or false, got " + text);
                    }
                    yield token == JsonToken.VALUE_TRUE;
                }
                case INT16 -> (short) narrow(integer(token, text), Short.MIN_VALUE, Short.MAX_VALUE);
                case INT32 -> (int) narrow(integer(token, text), Integer.MIN_VALUE, Integer.MAX_VALUE);
                case INT64 -> integer(token, text);
                case FLOAT32 -> (float) floating(token, text);
                case FLOAT64 -> floating(token, text);
                case DECIMAL -> new BigDecimal(text);
                case STRING -> text;
                case BYTES -> Base64.getDecoder().decode(text);
                case DATE -> LocalDate.parse(text);
                case TIME -> LocalTime.parse(text);
                case TIMESTAMP -> LocalDateTime.parse(isoT(text));
                case TIMESTAMPTZ -> OffsetDateTime.parse(isoT(text)).toInstant();
                case UUID -> UUID.fromString(text);
                default -> throw new IllegalStateException("unhandled type " + type);
            };
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a " + type
                    + (type.kind() == LogicalType.Kind.TIMESTAMPTZ ? " (an ISO date-time with its offset)" : ""));
        }
    }

    private static long narrow(long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(value + " is out of range");
        }
        return value;
    }

    private static long integer(JsonToken token, String text) {
        if (token != JsonToken.VALUE_NUMBER_INT) {
            throw new IllegalArgumentException("expected a whole number, got " + text);
        }
        return Long.parseLong(text);
    }

    private static double floating(JsonToken token, String text) {
        if (!token.isNumeric() && !"NaN".equals(text) && !text.endsWith("Infinity")) {
            throw new IllegalArgumentException("expected a number, got " + text);
        }
        return Double.parseDouble(text);
    }

    private static String isoT(String text) {
        return text.length() > 10 && text.charAt(10) == ' ' ? text.substring(0, 10) + 'T' + text.substring(11) : text;
    }

    private static List<Object> readArray(JsonParser in, LogicalType element) throws IOException {
        if (in.currentToken() != JsonToken.START_ARRAY) {
            throw new IllegalArgumentException("expected a list, got " + in.getText());
        }
        List<Object> values = new ArrayList<>();
        while (in.nextToken() != JsonToken.END_ARRAY) {
            values.add(read(in, element));
        }
        return values;
    }

    private static Map<String, Object> readStruct(JsonParser in, List<Field> fields) throws IOException {
        if (in.currentToken() != JsonToken.START_OBJECT) {
            throw new IllegalArgumentException("expected a dict, got " + in.getText());
        }
        Map<String, Object> given = new LinkedHashMap<>();
        while (in.nextToken() == JsonToken.FIELD_NAME) {
            String name = in.currentName();
            in.nextToken();
            LogicalType type = fields.stream().filter(f -> f.name().equals(name)).map(Field::type).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("the struct has no field '" + name + "'"));
            given.put(name, read(in, type));
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Field field : fields) {
            values.put(field.name(), given.get(field.name()));
        }
        return values;
    }
}
