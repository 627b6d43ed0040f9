package io.arus.connector.files;

import io.arus.api.type.LogicalType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Values as text (CSV fields, partition folders) and back, one rule per logical type: ISO-8601 dates and times
 * (instants in UTC with a Z), plain decimals, base64 bytes, JSON for arrays and structs.
 */
final class ValueText {
    private ValueText() {
    }

    /**
     * @param value a non-null value of a {@link io.arus.api.record.RecordBatch} row
     * @return its text
     */
    static String format(Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof byte[] b) {
            return Base64.getEncoder().encodeToString(b);
        }
        if (value instanceof Instant i) {
            return DateTimeFormatter.ISO_INSTANT.format(i);
        }
        if (value instanceof List<?> || value instanceof Map<?, ?>) {
            return JsonValues.toJson(value);
        }
        return value.toString();
    }

    /**
     * @param text a field's text
     * @param type the column's type
     * @return the value in the Java class {@link LogicalType} names
     * @throws IllegalArgumentException when the text is no value of the type
     */
    static Object parse(String text, LogicalType type) {
        try {
            return switch (type.kind()) {
                case BOOLEAN -> parseBoolean(text);
                case INT16 -> Short.valueOf(text.strip());
                case INT32 -> Integer.valueOf(text.strip());
                case INT64 -> Long.valueOf(text.strip());
                case FLOAT32 -> Float.valueOf(text.strip());
                case FLOAT64 -> Double.valueOf(text.strip());
                case DECIMAL -> new BigDecimal(text.strip());
                case STRING, JSON -> text;
                case BYTES -> Base64.getDecoder().decode(text.strip());
                case DATE -> LocalDate.parse(text.strip());
                case TIME -> LocalTime.parse(text.strip());
                case TIMESTAMP -> LocalDateTime.parse(text.strip().replace(' ', 'T'));
                case TIMESTAMPTZ -> instant(text.strip());
                case UUID -> UUID.fromString(text.strip());
                case ARRAY, STRUCT -> JsonValues.fromJson(text);
            };
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + abbreviate(text) + "' is not a " + type, e);
        }
    }

    private static Boolean parseBoolean(String text) {
        return switch (text.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "t", "1", "yes" -> Boolean.TRUE;
            case "false", "f", "0", "no" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("not a boolean");
        };
    }

    private static Instant instant(String text) {
        String t = text.replace(' ', 'T');
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            return OffsetDateTime.parse(t, DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss[.SSSSSS][.SSS]X"))
                    .toInstant();
        }
    }

    static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
