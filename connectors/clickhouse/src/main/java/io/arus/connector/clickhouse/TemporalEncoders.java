package io.arus.connector.clickhouse;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * Dates and timestamps in RowBinary. A LocalDateTime (a TIMESTAMP without zone) is stored as the same reading in
 * UTC, which is the zone Arus gives its timestamp columns. Values outside a type's range are refused rather than
 * wrapped around.
 */
final class TemporalEncoders {
    /** Date: days since 1970-01-01 as UInt16. */
    private static final long DATE_MAX_DAY = 65_535;
    /** Date32: 1900-01-01 to 2299-12-31 as days since 1970-01-01, Int32. */
    private static final long DATE32_MIN_DAY = LocalDate.of(1900, 1, 1).toEpochDay();
    private static final long DATE32_MAX_DAY = LocalDate.of(2299, 12, 31).toEpochDay();
    /** DateTime: seconds since 1970 as UInt32. */
    private static final long DATETIME_MAX_SECOND = 0xFFFF_FFFFL;
    /** DateTime64: the range ClickHouse documents, 1900-01-01 to 2299-12-31. */
    private static final long DATETIME64_MIN_SECOND = LocalDateTime.of(1900, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC);
    private static final long DATETIME64_MAX_SECOND = LocalDateTime.of(2300, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC) - 1;

    private TemporalEncoders() {
    }

    /** @param type Date, Date32, DateTime[(zone)] or DateTime64(precision[, zone]) */
    static ColumnEncoder of(ColumnType type) {
        return switch (type.name()) {
            case "Date" -> (out, value) -> out.writeShort((int) day(value, 0, DATE_MAX_DAY, type));
            case "Date32" -> (out, value) -> out.writeInt((int) day(value, DATE32_MIN_DAY, DATE32_MAX_DAY, type));
            case "DateTime" -> (out, value) -> {
                long second = epochSecond(value, type);
                if (second < 0 || second > DATETIME_MAX_SECOND) {
                    throw new RefusedValue(value + " is out of the range of " + type + " (1970 to 2106)");
                }
                out.writeInt((int) second);
            };
            case "DateTime64" -> dateTime64(type, type.intArg(0, 3));
            default -> throw new IllegalArgumentException("not a temporal type: " + type);
        };
    }

    private static ColumnEncoder dateTime64(ColumnType type, int precision) {
        long unitsPerSecond = pow10(precision);
        long nanosPerUnit = pow10(9 - precision);
        return (out, value) -> {
            long second = epochSecond(value, type);
            if (second < DATETIME64_MIN_SECOND || second > DATETIME64_MAX_SECOND) {
                throw new RefusedValue(value + " is out of the range of " + type + " (1900 to 2299)");
            }
            out.writeLong(second * unitsPerSecond + nano(value) / nanosPerUnit);
        };
    }

    private static long day(Object value, long min, long max, ColumnType type) {
        if (!(value instanceof LocalDate date)) {
            throw new RefusedValue("expected a date for " + type + ", got " + value.getClass().getSimpleName());
        }
        long day = date.toEpochDay();
        if (day < min || day > max) {
            throw new RefusedValue(date + " is out of the range of " + type + " ("
                    + LocalDate.ofEpochDay(min) + " to " + LocalDate.ofEpochDay(max) + ")");
        }
        return day;
    }

    /** Seconds since 1970 without making an Instant: this runs once per timestamp value. */
    private static long epochSecond(Object value, ColumnType type) {
        if (value instanceof LocalDateTime local) {
            return local.toEpochSecond(ZoneOffset.UTC);
        }
        if (value instanceof Instant instant) {
            return instant.getEpochSecond();
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toEpochSecond();
        }
        if (value instanceof ZonedDateTime zoned) {
            return zoned.toEpochSecond();
        }
        throw new RefusedValue("expected a timestamp for " + type + ", got " + value.getClass().getSimpleName());
    }

    /** The nanosecond of the second of a value {@link #epochSecond} accepted. */
    private static int nano(Object value) {
        if (value instanceof LocalDateTime local) {
            return local.getNano();
        }
        if (value instanceof Instant instant) {
            return instant.getNano();
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.getNano();
        }
        return ((ZonedDateTime) value).getNano();
    }

    private static long pow10(int exponent) {
        long result = 1;
        for (int i = 0; i < exponent; i++) {
            result *= 10;
        }
        return result;
    }
}
