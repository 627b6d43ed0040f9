package io.arus.transform.expression;

import io.arus.api.type.LogicalType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Converts an expression's value to the logical type a column declares: numbers between number kinds (exactly, or
 * an error), decimals to their scale (half up) within their precision, texts parsed as ISO dates, times, UUIDs
 * and numbers, anything to string. BYTES, ARRAY and STRUCT are not produced by expressions.
 */
public final class ValueConversion {
    private ValueConversion() {
    }

    /**
     * @param type a type an expression's value may be converted to
     * @return whether it is one (every kind but bytes, array and struct)
     */
    public static boolean supports(LogicalType type) {
        return switch (type.kind()) {
            case BYTES, ARRAY, STRUCT -> false;
            default -> true;
        };
    }

    /**
     * @param type  the column's type
     * @param value an expression's value (or a constant), may be null
     * @return the value as the Java class the type's kind uses
     * @throws ExpressionException when it does not fit, e.g. {@code 'abc' is not a int64}
     */
    public static Object to(LogicalType type, Object value) throws ExpressionException {
        if (value == null) {
            return null;
        }
        try {
            return convert(type, value);
        } catch (ArithmeticException | DateTimeException | IllegalArgumentException e) {
            throw new ExpressionException(describe(value) + " is not a " + type
                    + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"));
        }
    }

    private static Object convert(LogicalType type, Object value) {
        return switch (type.kind()) {
            case STRING, JSON -> value instanceof BigDecimal d ? d.toPlainString() : value.toString();
            case BOOLEAN -> value instanceof Boolean b ? b : bool(value.toString());
            case INT16 -> (short) whole(value, Short.MIN_VALUE, Short.MAX_VALUE);
            case INT32 -> (int) whole(value, Integer.MIN_VALUE, Integer.MAX_VALUE);
            case INT64 -> value instanceof Long l ? l : (Object) whole(value, Long.MIN_VALUE, Long.MAX_VALUE);
            case FLOAT32 -> value instanceof Number n ? n.floatValue() : Float.parseFloat(value.toString());
            case FLOAT64 -> value instanceof Number n ? n.doubleValue() : Double.parseDouble(value.toString());
            case DECIMAL -> scaled(type, decimal(value));
            case DATE -> date(value);
            case TIME -> value instanceof LocalTime t ? t : LocalTime.parse(value.toString());
            case TIMESTAMP -> timestamp(value);
            case TIMESTAMPTZ -> instant(value);
            case UUID -> value instanceof UUID u ? u : UUID.fromString(value.toString());
            case BYTES, ARRAY, STRUCT -> throw new IllegalArgumentException("expressions do not give " + type);
        };
    }

    private static Boolean bool(String text) {
        if (text.equalsIgnoreCase("true")) {
            return true;
        }
        if (text.equalsIgnoreCase("false")) {
            return false;
        }
        throw new IllegalArgumentException("not true or false");
    }

    /** A whole number in range; integers stay off BigDecimal (this runs on every row). */
    private static long whole(Object value, long min, long max) {
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            long number = ((Number) value).longValue();
            if (number < min || number > max) {
                throw new ArithmeticException("Overflow");
            }
            return number;
        }
        long number = decimal(value).longValueExact();
        if (number < min || number > max) {
            throw new ArithmeticException("Overflow");
        }
        return number;
    }

    private static BigDecimal decimal(Object value) {
        if (value instanceof BigDecimal d) {
            return d;
        }
        if (value instanceof BigInteger i) {
            return new BigDecimal(i);
        }
        if (value instanceof Double || value instanceof Float) {
            return BigDecimal.valueOf(((Number) value).doubleValue());
        }
        if (value instanceof Number n) {
            return BigDecimal.valueOf(n.longValue());
        }
        return new BigDecimal(value.toString().strip());
    }

    private static BigDecimal scaled(LogicalType type, BigDecimal value) {
        if (type.precision() == 0) {
            return value;
        }
        BigDecimal scaled = value.setScale(type.scale(), RoundingMode.HALF_UP);
        if (scaled.precision() - scaled.scale() > type.precision() - type.scale()) {
            throw new ArithmeticException("too many digits");
        }
        return scaled;
    }

    private static LocalDate date(Object value) {
        if (value instanceof LocalDate d) {
            return d;
        }
        if (value instanceof LocalDateTime t) {
            return t.toLocalDate();
        }
        if (value instanceof Instant i) {
            return LocalDate.ofInstant(i, ZoneOffset.UTC);
        }
        return LocalDate.parse(value.toString());
    }

    private static LocalDateTime timestamp(Object value) {
        if (value instanceof LocalDateTime t) {
            return t;
        }
        if (value instanceof LocalDate d) {
            return d.atStartOfDay();
        }
        if (value instanceof Instant i) {
            return LocalDateTime.ofInstant(i, ZoneOffset.UTC);
        }
        return LocalDateTime.parse(value.toString());
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof LocalDateTime t) {
            return t.toInstant(ZoneOffset.UTC);
        }
        if (value instanceof LocalDate d) {
            return d.atStartOfDay().toInstant(ZoneOffset.UTC);
        }
        return Instant.parse(value.toString());
    }

    private static String describe(Object value) {
        String text = value.toString();
        return "'" + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + "'";
    }
}
