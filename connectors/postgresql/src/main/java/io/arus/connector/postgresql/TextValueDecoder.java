package io.arus.connector.postgresql;

import io.arus.api.type.LogicalType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * Turns one value of PostgreSQL's text output (as {@code pgoutput} sends tuple columns) into the Java value the
 * column readers of {@link PostgresTypes} answer for the same column through JDBC: the same classes, the same
 * infinities. Chosen by the column's logical type, so that it follows the read mapping table exactly; types the
 * mapping reads as text stay the server's text.
 */
@FunctionalInterface
interface TextValueDecoder {
    /**
     * @param text the value's text output (never null: NULL is handled by the caller)
     * @return the value
     */
    Object decode(String text);

    /**
     * @param type a column's logical type as {@link PostgresTypes#read} maps it
     * @return its decoder
     */
    static TextValueDecoder forType(LogicalType type) {
        return switch (type.kind()) {
            case BOOLEAN -> text -> text.equals("t") || text.equals("true");
            case INT16 -> Short::valueOf;
            case INT32 -> Integer::valueOf;
            case INT64 -> Long::valueOf;
            case FLOAT32 -> Float::valueOf;
            case FLOAT64 -> Double::valueOf;
            case DECIMAL -> TextValueDecoder::decimal;
            case BYTES -> TextValueDecoder::bytea;
            case UUID -> UUID::fromString;
            case DATE -> TextValueDecoder::date;
            case TIME -> text -> text.startsWith("24:") ? LocalTime.MAX : LocalTime.parse(text);
            case TIMESTAMP -> TextValueDecoder::timestamp;
            case TIMESTAMPTZ -> TextValueDecoder::timestamptz;
            case ARRAY -> array(forType(type.element()));
            case STRING, JSON, STRUCT -> text -> text;
        };
    }

    private static Object decimal(String text) {
        if (text.equals("NaN") || text.endsWith("Infinity")) {
            throw new IllegalArgumentException("numeric " + text + " has no decimal value");
        }
        return new BigDecimal(text);
    }

    /** bytea_output 'hex' (the default since 9.0): {@code \x} then two hex digits a byte. */
    private static Object bytea(String text) {
        if (!text.startsWith("\\x")) {
            throw new IllegalArgumentException("bytea is not in hex output format (bytea_output = 'hex')");
        }
        return HexFormat.of().parseHex(text, 2, text.length());
    }

    private static Object date(String text) {
        if (text.equals("infinity")) {
            return LocalDate.MAX;
        }
        if (text.equals("-infinity")) {
            return LocalDate.MIN;
        }
        boolean bc = text.endsWith(" BC");
        LocalDate date = LocalDate.parse(bc ? text.substring(0, text.length() - 3) : text);
        return bc ? date.withYear(1 - date.getYear()) : date;
    }

    private static Object timestamp(String text) {
        if (text.equals("infinity")) {
            return LocalDateTime.MAX;
        }
        if (text.equals("-infinity")) {
            return LocalDateTime.MIN;
        }
        return wallClock(text);
    }

    /** ISO DateStyle: {@code 2024-01-01 05:30:00.123+05:30}, the offset as short as the server can write it. */
    private static Object timestamptz(String text) {
        if (text.equals("infinity")) {
            return OffsetDateTime.MAX.toInstant();
        }
        if (text.equals("-infinity")) {
            return OffsetDateTime.MIN.toInstant();
        }
        boolean bc = text.endsWith(" BC");
        String body = bc ? text.substring(0, text.length() - 3) : text;
        int sign = Math.max(body.lastIndexOf('+'), body.lastIndexOf('-'));
        if (sign <= body.indexOf(' ')) {
            throw new IllegalArgumentException("timestamptz without an offset: " + text);
        }
        LocalDateTime local = wallClock(body.substring(0, sign) + (bc ? " BC" : ""));
        Instant instant = local.toInstant(ZoneOffset.of(body.substring(sign)));
        return instant;
    }

    private static LocalDateTime wallClock(String text) {
        boolean bc = text.endsWith(" BC");
        String body = bc ? text.substring(0, text.length() - 3) : text;
        LocalDateTime value = LocalDateTime.parse(body.replace(' ', 'T'));
        return bc ? value.withYear(1 - value.getYear()) : value;
    }

    /** A one-dimensional array literal: {@code {1,NULL,"a \"b\""}}; nested braces become nested lists. */
    private static TextValueDecoder array(TextValueDecoder element) {
        return text -> {
            int[] position = {0};
            return parseArray(text, position, element);
        };
    }

    private static List<Object> parseArray(String text, int[] position, TextValueDecoder element) {
        if (text.charAt(position[0]) == '[') {
            // explicit bounds, e.g. [0:2]={1,2,3}: the values are what matters
            position[0] = text.indexOf('=', position[0]) + 1;
        }
        if (text.charAt(position[0]) != '{') {
            throw new IllegalArgumentException("not an array literal: " + text);
        }
        position[0]++;
        List<Object> values = new ArrayList<>();
        while (position[0] < text.length()) {
            char c = text.charAt(position[0]);
            if (c == '}') {
                position[0]++;
                return Collections.unmodifiableList(values);
            }
            if (c == ',') {
                position[0]++;
            } else if (c == '{') {
                values.add(parseArray(text, position, element));
            } else if (c == '"') {
                StringBuilder value = new StringBuilder();
                int i = position[0] + 1;
                for (; text.charAt(i) != '"'; i++) {
                    value.append(text.charAt(i) == '\\' ? text.charAt(++i) : text.charAt(i));
                }
                position[0] = i + 1;
                values.add(element.decode(value.toString()));
            } else {
                int end = position[0];
                while (text.charAt(end) != ',' && text.charAt(end) != '}') {
                    end++;
                }
                String value = text.substring(position[0], end);
                position[0] = end;
                values.add(value.equals("NULL") ? null : element.decode(value));
            }
        }
        throw new IllegalArgumentException("unterminated array literal: " + text);
    }
}
