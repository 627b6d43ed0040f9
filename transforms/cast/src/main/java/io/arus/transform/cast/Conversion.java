package io.arus.transform.cast;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import io.arus.api.type.LogicalType;
import io.arus.api.type.LogicalType.Kind;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * Converts one value to a target logical type. Which pairs of kinds are sensible is decided once, at open, by
 * {@link #supports}; {@link #convert} then throws {@link IllegalArgumentException} for a value that does not fit.
 */
final class Conversion {
    private static final JsonFactory JSON = new JsonFactory();
    private static final Set<Kind> NUMBERS = Set.of(Kind.INT16, Kind.INT32, Kind.INT64, Kind.FLOAT32, Kind.FLOAT64,
            Kind.DECIMAL);
    private static final Set<Kind> TEMPORAL = Set.of(Kind.DATE, Kind.TIMESTAMP, Kind.TIMESTAMPTZ);

    private final LogicalType target;
    private final DateTimeFormatter format;

    /**
     * @param target the type values become
     * @param format the pattern for text <-> date/time, or {@code null} for ISO-8601
     */
    Conversion(LogicalType target, DateTimeFormatter format) {
        this.target = target;
        this.format = format;
    }

    /** @return whether a value of kind {@code from} can be cast to kind {@code to} */
    static boolean supports(Kind from, Kind to) {
        if (from == to) {
            return true;
        }
        if (from == Kind.ARRAY || from == Kind.STRUCT || to == Kind.ARRAY || to == Kind.STRUCT) {
            return false;
        }
        if (from == Kind.STRING || to == Kind.STRING) {
            return true;
        }
        boolean numeric = NUMBERS.contains(from) || from == Kind.BOOLEAN;
        if (numeric && (NUMBERS.contains(to) || to == Kind.BOOLEAN || to == Kind.JSON)) {
            return !(from == Kind.BOOLEAN && (to == Kind.FLOAT32 || to == Kind.FLOAT64 || to == Kind.DECIMAL));
        }
        if (TEMPORAL.contains(from) && TEMPORAL.contains(to)) {
            return true;
        }
        return (from == Kind.TIMESTAMP || from == Kind.TIMESTAMPTZ) && to == Kind.TIME;
    }

    /**
     * @param value a non-null value of a supported kind
     * @return the value as the target type
     * @throws IllegalArgumentException when the value does not fit, with an optional detail as the message
     */
    Object convert(Object value) {
        return switch (target.kind()) {
            case STRING -> text(value);
            case BOOLEAN -> bool(value);
            case INT16 -> (short) whole(value, Short.MIN_VALUE, Short.MAX_VALUE);
            case INT32 -> (int) whole(value, Integer.MIN_VALUE, Integer.MAX_VALUE);
            case INT64 -> whole(value, Long.MIN_VALUE, Long.MAX_VALUE);
            case FLOAT32 -> float32(value);
            case FLOAT64 -> value instanceof String s ? Double.parseDouble(s.trim()) : ((Number) value).doubleValue();
            case DECIMAL -> decimal(value);
            case BYTES -> value instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : value;
            case DATE -> date(value);
            case TIME -> time(value);
            case TIMESTAMP -> timestamp(value);
            case TIMESTAMPTZ -> instant(value);
            case UUID -> value instanceof String s ? uuid(s) : value;
            case JSON -> json(value);
            case ARRAY, STRUCT -> value;
        };
    }

    private String text(Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (format != null && value instanceof Instant instant) {
            return format.format(instant.atOffset(ZoneOffset.UTC));
        }
        if (format != null && value instanceof TemporalAccessor temporal) {
            return format.format(temporal);
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        }
        return value.toString();
    }

    private static Boolean bool(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof String s) {
            return switch (s.trim().toLowerCase(Locale.ROOT)) {
                case "true", "t", "yes", "y", "1" -> true;
                case "false", "f", "no", "n", "0" -> false;
                default -> throw new IllegalArgumentException("");
            };
        }
        BigDecimal number = decimalOf(value);
        if (number.signum() == 0) {
            return false;
        }
        if (number.compareTo(BigDecimal.ONE) == 0) {
            return true;
        }
        throw new IllegalArgumentException("only 0 and 1 are booleans");
    }

    private static long whole(Object value, long min, long max) {
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            // whole numbers need no rounding: the common int -> bigint cast stays off BigDecimal
            long number = ((Number) value).longValue();
            if (number < min || number > max) {
                throw new IllegalArgumentException("out of range");
            }
            return number;
        }
        BigInteger number = value instanceof Boolean b ? (b ? BigInteger.ONE : BigInteger.ZERO)
                : decimalOf(value).setScale(0, RoundingMode.HALF_UP).toBigInteger();
        if (number.compareTo(BigInteger.valueOf(min)) < 0 || number.compareTo(BigInteger.valueOf(max)) > 0) {
            throw new IllegalArgumentException("out of range");
        }
        return number.longValue();
    }

    private static Float float32(Object value) {
        double d = value instanceof String s ? Double.parseDouble(s.trim()) : ((Number) value).doubleValue();
        if (Double.isFinite(d) && Math.abs(d) > Float.MAX_VALUE) {
            throw new IllegalArgumentException("out of range");
        }
        return (float) d;
    }

    private BigDecimal decimal(Object value) {
        BigDecimal number = decimalOf(value);
        if (target.precision() == 0) {
            return number;
        }
        BigDecimal scaled = number.setScale(target.scale(), RoundingMode.HALF_UP);
        if (scaled.precision() - scaled.scale() > target.precision() - target.scale()) {
            throw new IllegalArgumentException("too many integer digits");
        }
        return scaled;
    }

    private static BigDecimal decimalOf(Object value) {
        if (value instanceof BigDecimal d) {
            return d;
        }
        if (value instanceof String s) {
            return new BigDecimal(s.trim());
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("not a finite number");
            }
            return new BigDecimal(value.toString());
        }
        return BigDecimal.valueOf(((Number) value).longValue());
    }

    private LocalDate date(Object value) {
        if (value instanceof String s) {
            return format == null ? LocalDate.parse(s.trim()) : LocalDate.parse(s.trim(), format);
        }
        if (value instanceof Instant instant) {
            return LocalDate.ofInstant(instant, ZoneOffset.UTC);
        }
        return value instanceof LocalDateTime t ? t.toLocalDate() : (LocalDate) value;
    }

    private LocalTime time(Object value) {
        if (value instanceof String s) {
            return format == null ? LocalTime.parse(s.trim()) : LocalTime.parse(s.trim(), format);
        }
        if (value instanceof Instant instant) {
            return LocalTime.ofInstant(instant, ZoneOffset.UTC);
        }
        return value instanceof LocalDateTime t ? t.toLocalTime() : (LocalTime) value;
    }

    private LocalDateTime timestamp(Object value) {
        if (value instanceof String s) {
            return format == null ? LocalDateTime.parse(s.trim().replace(' ', 'T')) : LocalDateTime.parse(s.trim(), format);
        }
        if (value instanceof Instant instant) {
            return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
        }
        return value instanceof LocalDate d ? d.atStartOfDay() : (LocalDateTime) value;
    }

    private Instant instant(Object value) {
        if (value instanceof String s) {
            return parseInstant(s.trim());
        }
        if (value instanceof LocalDateTime t) {
            return t.toInstant(ZoneOffset.UTC);
        }
        return value instanceof LocalDate d ? d.atStartOfDay().toInstant(ZoneOffset.UTC) : (Instant) value;
    }

    /** Text with an offset or zone keeps it; text without one is read as UTC. */
    private Instant parseInstant(String text) {
        if (format == null) {
            String iso = text.replace(' ', 'T');
            try {
                return OffsetDateTime.parse(iso).toInstant();
            } catch (RuntimeException withoutOffset) {
                return LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC);
            }
        }
        TemporalAccessor parsed = format.parse(text);
        LocalDateTime local = LocalDateTime.of(LocalDate.from(parsed),
                parsed.query(TemporalQueries.localTime()) == null ? LocalTime.MIDNIGHT : LocalTime.from(parsed));
        ZoneOffset offset = parsed.query(TemporalQueries.offset());
        if (offset == null && parsed.query(TemporalQueries.zone()) != null) {
            return local.atZone(parsed.query(TemporalQueries.zone())).toInstant();
        }
        return local.toInstant(offset == null ? ZoneOffset.UTC : offset);
    }

    private static UUID uuid(String text) {
        String trimmed = text.trim();
        if (trimmed.length() != 36) {
            throw new IllegalArgumentException("");
        }
        return UUID.fromString(trimmed);
    }

    private static String json(Object value) {
        if (!(value instanceof String text)) {
            return value instanceof BigDecimal d ? d.toPlainString() : value.toString();
        }
        try (JsonParser parser = JSON.createParser(text)) {
            if (parser.nextToken() == null) {
                throw new IllegalArgumentException("empty");
            }
            parser.skipChildren();
            if (parser.nextToken() != null) {
                throw new IllegalArgumentException("text after the JSON value");
            }
            return text;
        } catch (IOException e) {
            throw new IllegalArgumentException("");
        }
    }
}
