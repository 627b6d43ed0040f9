package io.arus.connector.postgresql;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.UUID;

/**
 * Turns one value of PostgreSQL's binary wire format (as {@code COPY ... (FORMAT binary)} sends it) into the Java
 * value Arus' column readers answer for the same column through JDBC: the same classes, the same infinities.
 */
@FunctionalInterface
interface BinaryValueDecoder {
    /** Seconds from 1970-01-01 to PostgreSQL's epoch, 2000-01-01. */
    long PG_EPOCH_SECONDS = 946_684_800L;
    /** Days from 1970-01-01 to 2000-01-01. */
    long PG_EPOCH_DAYS = 10_957L;
    long MICROS_PER_DAY = 86_400_000_000L;
    long[] POW10 = {1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L,
        1_000_000_000L, 10_000_000_000L, 100_000_000_000L, 1_000_000_000_000L, 10_000_000_000_000L,
        100_000_000_000_000L, 1_000_000_000_000_000L, 10_000_000_000_000_000L};

    /**
     * @param bytes  the buffer
     * @param offset where the value starts
     * @param length its length in bytes (never -1: NULL is handled by the caller)
     * @return the value
     * @throws SQLException when the value has no Java counterpart (a numeric NaN)
     */
    Object decode(byte[] bytes, int offset, int length) throws SQLException;

    /**
     * @param nativeName a type name as {@link io.arus.connector.jdbc.NativeType#name()} answers it
     * @return its decoder, or null when Arus reads that type through JDBC only (interval, timetz, enums, arrays ...)
     */
    static BinaryValueDecoder forType(String nativeName) {
        return switch (nativeName) {
            case "smallint" -> (b, o, n) -> (short) int16(b, o);
            case "integer" -> (b, o, n) -> int32(b, o);
            case "bigint" -> (b, o, n) -> int64(b, o);
            case "real" -> (b, o, n) -> Float.intBitsToFloat(int32(b, o));
            case "double precision" -> (b, o, n) -> Double.longBitsToDouble(int64(b, o));
            case "numeric" -> BinaryValueDecoder::numeric;
            case "boolean" -> (b, o, n) -> b[o] != 0;
            case "text", "character varying", "character", "bpchar", "json" ->
                    (b, o, n) -> new String(b, o, n, StandardCharsets.UTF_8);
            // jsonb: a format version byte (1), then the same text jsonb_out gives
            case "jsonb" -> (b, o, n) -> new String(b, o + 1, n - 1, StandardCharsets.UTF_8);
            case "bytea" -> (b, o, n) -> Arrays.copyOfRange(b, o, o + n);
            case "uuid" -> (b, o, n) -> new UUID(int64(b, o), int64(b, o + 8));
            case "date" -> BinaryValueDecoder::date;
            case "time without time zone" -> BinaryValueDecoder::time;
            case "timestamp without time zone" -> BinaryValueDecoder::timestamp;
            case "timestamp with time zone" -> BinaryValueDecoder::timestamptz;
            default -> null;
        };
    }

    static int int16(byte[] b, int o) {
        return (short) (((b[o] & 0xFF) << 8) | (b[o + 1] & 0xFF));
    }

    static int int32(byte[] b, int o) {
        return ((b[o] & 0xFF) << 24) | ((b[o + 1] & 0xFF) << 16) | ((b[o + 2] & 0xFF) << 8) | (b[o + 3] & 0xFF);
    }

    static long int64(byte[] b, int o) {
        return ((long) int32(b, o) << 32) | (int32(b, o + 4) & 0xFFFF_FFFFL);
    }

    /**
     * numeric: ndigits, weight, sign, dscale (int16 each), then ndigits base-10000 groups. Up to 4 groups (16
     * digits) are summed in a long, longer values through BigInteger.
     */
    private static Object numeric(byte[] b, int o, int n) throws SQLException {
        int groups = int16(b, o);
        int weight = int16(b, o + 2);
        int sign = int16(b, o + 4) & 0xFFFF;
        int scale = int16(b, o + 6) & 0xFFFF;
        if (sign == 0xC000) {
            throw new SQLException("numeric NaN has no decimal value", "22003");
        }
        if (sign == 0xD000 || sign == 0xF000) {
            throw new SQLException("numeric " + (sign == 0xD000 ? "" : "-") + "Infinity has no decimal value", "22003");
        }
        // value = sum(group[i] * 10000^(weight - i)); the display scale is what the column shows (numeric(12,2)
        // -> 2 places), and the groups never carry a digit beyond it
        int shift = scale + 4 * (weight - groups + 1);
        if (groups <= 4 && shift >= -16 && shift <= 2) {
            // up to 16 digits: one long and one BigDecimal of the right scale (the last group's zeros beyond the
            // scale are divided away exactly)
            long unscaled = 0;
            for (int i = 0; i < groups; i++) {
                unscaled = unscaled * 10_000 + int16(b, o + 8 + 2 * i);
            }
            long factor = POW10[Math.abs(shift)];
            if (shift >= 0 || unscaled % factor == 0) {
                unscaled = shift >= 0 ? unscaled * factor : unscaled / factor;
                return BigDecimal.valueOf(sign == 0x4000 ? -unscaled : unscaled, scale);
            }
        }
        BigInteger unscaled = BigInteger.ZERO;
        BigInteger base = BigInteger.valueOf(10_000);
        for (int i = 0; i < groups; i++) {
            unscaled = unscaled.multiply(base).add(BigInteger.valueOf(int16(b, o + 8 + 2 * i)));
        }
        BigDecimal value = new BigDecimal(sign == 0x4000 ? unscaled.negate() : unscaled, -4 * (weight - groups + 1));
        return value.setScale(scale, java.math.RoundingMode.UNNECESSARY);
    }

    private static Object date(byte[] b, int o, int n) {
        int days = int32(b, o);
        if (days == Integer.MAX_VALUE) {
            return LocalDate.MAX;
        }
        if (days == Integer.MIN_VALUE) {
            return LocalDate.MIN;
        }
        return LocalDate.ofEpochDay(days + PG_EPOCH_DAYS);
    }

    private static Object time(byte[] b, int o, int n) {
        long micros = int64(b, o);
        // 24:00:00 exists in PostgreSQL; the driver answers LocalTime.MAX for it
        return micros >= MICROS_PER_DAY ? LocalTime.MAX : LocalTime.ofNanoOfDay(micros * 1000);
    }

    private static Object timestamp(byte[] b, int o, int n) {
        long micros = int64(b, o);
        if (micros == Long.MAX_VALUE) {
            return LocalDateTime.MAX;
        }
        if (micros == Long.MIN_VALUE) {
            return LocalDateTime.MIN;
        }
        return LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000L) + PG_EPOCH_SECONDS,
                (int) Math.floorMod(micros, 1_000_000L) * 1000, ZoneOffset.UTC);
    }

    private static Object timestamptz(byte[] b, int o, int n) {
        long micros = int64(b, o);
        if (micros == Long.MAX_VALUE) {
            return OffsetDateTime.MAX.toInstant();
        }
        if (micros == Long.MIN_VALUE) {
            return OffsetDateTime.MIN.toInstant();
        }
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L) + PG_EPOCH_SECONDS,
                Math.floorMod(micros, 1_000_000L) * 1000);
    }
}
