package io.arus.connector.jdbc.internal;

import io.arus.api.connector.ConnectorException;
import io.arus.api.type.LogicalType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.UUID;

/**
 * Turns keyset values into the JSON-friendly form offsets hold and back: integers stay JSON numbers, temporal values
 * become ISO-8601 text, decimals plain text (no binary rounding), UUIDs text, bytes Base64, booleans booleans.
 */
final class OffsetValues {
    private OffsetValues() {
    }

    static Object encode(Object value, LogicalType type) {
        if (value == null) {
            return null;
        }
        return switch (type.kind()) {
            case INT16, INT32, INT64 -> ((Number) value).longValue();
            case BOOLEAN -> value;
            case DECIMAL -> ((BigDecimal) value).toPlainString();
            case BYTES -> Base64.getEncoder().encodeToString((byte[]) value);
            case FLOAT32, FLOAT64 -> ((Number) value).doubleValue();
            default -> value.toString(); // Instant, LocalDateTime, LocalDate, LocalTime print ISO-8601; UUID, String
        };
    }

    static Object decode(Object json, LogicalType type) throws ConnectorException {
        if (json == null) {
            return null;
        }
        try {
            return switch (type.kind()) {
                case INT16 -> (short) number(json).longValue();
                case INT32 -> (int) number(json).longValue();
                case INT64 -> number(json).longValue();
                case FLOAT32 -> (float) number(json).doubleValue();
                case FLOAT64 -> number(json).doubleValue();
                case BOOLEAN -> json instanceof Boolean b ? b : Boolean.parseBoolean(json.toString());
                case DECIMAL -> new BigDecimal(json.toString());
                case BYTES -> Base64.getDecoder().decode(json.toString());
                case TIMESTAMPTZ -> Instant.parse(json.toString());
                case TIMESTAMP -> LocalDateTime.parse(json.toString());
                case DATE -> LocalDate.parse(json.toString());
                case TIME -> LocalTime.parse(json.toString());
                case UUID -> UUID.fromString(json.toString());
                default -> json.toString();
            };
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new ConnectorException(ConnectorException.Kind.INTERNAL,
                    "unreadable offset value " + json + " for a " + type + " column", e);
        }
    }

    private static Number number(Object json) {
        return json instanceof Number n ? n : new BigDecimal(json.toString());
    }
}
