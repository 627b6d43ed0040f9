package io.arus.connector.mysql;

import com.github.shyiko.mysql.binlog.event.deserialization.ColumnType;
import com.github.shyiko.mysql.binlog.event.deserialization.json.JsonBinary;
import io.arus.api.type.LogicalType;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a binlog cell into the Java value the full-refresh reader gives for the same column (see {@link MySqlTypes}),
 * and says which binlog column types a column may arrive as. The client deserializes with
 * {@code DATE_AND_TIME_AS_LONG_MICRO} (temporal values as microseconds since 1970-01-01 read as UTC wall clock) and
 * {@code CHAR_AND_BINARY_AS_BYTE_ARRAY} (text as bytes, decoded here with the column's character set); integers
 * arrive signed whatever the column says.
 */
final class BinlogValues {
    private static final long MICROS_PER_DAY = 86_400_000_000L;

    /** Native type name to the binlog types its values may arrive as; one test row per entry. */
    static final Map<String, Set<ColumnType>> ARRIVES_AS = Map.ofEntries(
            Map.entry("tinyint", Set.of(ColumnType.TINY)),
            Map.entry("smallint", Set.of(ColumnType.TINY, ColumnType.SHORT)),
            Map.entry("mediumint", Set.of(ColumnType.TINY, ColumnType.SHORT, ColumnType.INT24)),
            Map.entry("int", Set.of(ColumnType.TINY, ColumnType.SHORT, ColumnType.INT24, ColumnType.LONG)),
            Map.entry("bigint", Set.of(ColumnType.TINY, ColumnType.SHORT, ColumnType.INT24, ColumnType.LONG,
                    ColumnType.LONGLONG)),
            Map.entry("float", Set.of(ColumnType.FLOAT)),
            Map.entry("double", Set.of(ColumnType.FLOAT, ColumnType.DOUBLE)),
            Map.entry("decimal", Set.of(ColumnType.NEWDECIMAL)),
            Map.entry("bit", Set.of(ColumnType.BIT)),
            Map.entry("year", Set.of(ColumnType.YEAR)),
            Map.entry("char", text()),
            Map.entry("varchar", text()),
            Map.entry("tinytext", text()),
            Map.entry("text", text()),
            Map.entry("mediumtext", text()),
            Map.entry("longtext", text()),
            Map.entry("enum", Set.of(ColumnType.ENUM, ColumnType.STRING)),
            Map.entry("set", Set.of(ColumnType.SET, ColumnType.STRING)),
            Map.entry("binary", text()),
            Map.entry("varbinary", text()),
            Map.entry("tinyblob", text()),
            Map.entry("blob", text()),
            Map.entry("mediumblob", text()),
            Map.entry("longblob", text()),
            Map.entry("json", Set.of(ColumnType.JSON, ColumnType.BLOB)),
            Map.entry("date", Set.of(ColumnType.DATE, ColumnType.NEWDATE)),
            Map.entry("time", Set.of(ColumnType.TIME, ColumnType.TIME_V2)),
            Map.entry("datetime", Set.of(ColumnType.DATETIME, ColumnType.DATETIME_V2)),
            Map.entry("timestamp", Set.of(ColumnType.TIMESTAMP, ColumnType.TIMESTAMP_V2)));

    private BinlogValues() {
    }

    private static Set<ColumnType> text() {
        return Set.of(ColumnType.STRING, ColumnType.VARCHAR, ColumnType.VAR_STRING, ColumnType.BLOB,
                ColumnType.TINY_BLOB, ColumnType.MEDIUM_BLOB, ColumnType.LONG_BLOB);
    }

    /**
     * @param column  a column of the captured table
     * @param type    the type a table-map event gives it (CHAR, ENUM and SET unpacked from their metadata)
     * @param meta    the table map's metadata for it (DECIMAL: precision, and scale in the high byte)
     * @return null when its values convert to the column's logical type, else why not
     */
    static String incompatibility(CaptureTable.Column column, ColumnType type, int meta) {
        Set<ColumnType> accepted = ARRIVES_AS.get(column.type().name());
        if (accepted == null) {
            return null; // an unmapped type reads as text both ways
        }
        if (!accepted.contains(type)) {
            return "its type is " + column.type().text() + " for this reader, the binlog has " + type;
        }
        if (type == ColumnType.NEWDECIMAL) {
            int precision = meta & 0xFF;
            int scale = meta >> 8;
            LogicalType logical = column.mapping().type();
            if (precision > logical.precision() || scale > logical.scale()) {
                return "its type is " + column.type().text() + " for this reader, the binlog has decimal("
                        + precision + "," + scale + ")";
            }
        }
        return null;
    }

    /**
     * @param column a column of the captured table
     * @param type   the binlog type it arrived as
     * @param value  the deserialized cell, or null
     * @return the value as the full-refresh reader would give it
     */
    static Object convert(CaptureTable.Column column, ColumnType type, Serializable value) {
        if (value == null) {
            return null;
        }
        String name = column.type().name();
        boolean unsigned = column.type().unsigned();
        LogicalType logical = column.mapping().type();
        return switch (logical.kind()) {
            case BOOLEAN -> value instanceof BitSet bits ? !bits.isEmpty() : ((Number) value).longValue() != 0;
            case INT16 -> (short) (name.equals("year") ? year(value)
                    : unsigned ? unsignedInt(value, type) : ((Number) value).longValue());
            case INT32 -> (int) (unsigned ? unsignedInt(value, type) : ((Number) value).longValue());
            case INT64 -> unsigned ? unsignedInt(value, type) : ((Number) value).longValue();
            case DECIMAL -> decimal(value, unsigned, type, logical.scale());
            case FLOAT32 -> ((Number) value).floatValue();
            case FLOAT64 -> ((Number) value).doubleValue();
            case STRING -> text(column, value);
            case BYTES -> bytes(column, value);
            case DATE -> LocalDate.ofEpochDay(Math.floorDiv((Long) value, MICROS_PER_DAY));
            case TIME -> LocalTime.ofNanoOfDay(Math.floorMod((Long) value, MICROS_PER_DAY) * 1000);
            case TIMESTAMP -> LocalDateTime.ofEpochSecond(Math.floorDiv((Long) value, 1_000_000L),
                    (int) Math.floorMod((Long) value, 1_000_000L) * 1000, ZoneOffset.UTC);
            case TIMESTAMPTZ -> Instant.ofEpochSecond(Math.floorDiv((Long) value, 1_000_000L),
                    Math.floorMod((Long) value, 1_000_000L) * 1000);
            case JSON -> json(type, value);
            default -> value instanceof byte[] raw ? new String(raw, StandardCharsets.UTF_8) : value.toString();
        };
    }

    /** The binlog has YEAR 0000 as 1900 (a year the type cannot hold otherwise). */
    private static long year(Serializable value) {
        int year = ((Number) value).intValue();
        return year == 1900 ? 0 : year;
    }

    /** An integer of the binlog type's width read as unsigned. */
    private static long unsignedInt(Serializable value, ColumnType type) {
        long raw = ((Number) value).longValue();
        return switch (type) {
            case TINY -> raw & 0xFFL;
            case SHORT -> raw & 0xFFFFL;
            case INT24 -> raw & 0xFF_FFFFL;
            case LONG -> raw & 0xFFFF_FFFFL;
            default -> raw;
        };
    }

    private static BigDecimal decimal(Serializable value, boolean unsigned, ColumnType type, int scale) {
        BigDecimal number;
        if (value instanceof BigDecimal decimal) {
            number = decimal;
        } else if (unsigned && type == ColumnType.LONGLONG) {
            number = new BigDecimal(Long.toUnsignedString(((Number) value).longValue()));
        } else {
            number = BigDecimal.valueOf(unsigned ? unsignedInt(value, type) : ((Number) value).longValue());
        }
        // the JDBC reader answers the column's scale (12.30 for DECIMAL(10,2)); so does this
        return number.setScale(scale);
    }

    private static String text(CaptureTable.Column column, Serializable value) {
        String name = column.type().name();
        if (name.equals("enum") && value instanceof Number index) {
            int i = index.intValue();
            List<String> values = members(column);
            return i >= 1 && i <= values.size() ? values.get(i - 1) : "";
        }
        if (name.equals("set") && value instanceof Number mask) {
            List<String> values = members(column);
            List<String> chosen = new ArrayList<>();
            for (int i = 0; i < values.size(); i++) {
                if ((mask.longValue() & (1L << i)) != 0) {
                    chosen.add(values.get(i));
                }
            }
            return String.join(",", chosen);
        }
        if (!(value instanceof byte[] raw)) {
            return value.toString();
        }
        String text = new String(raw, column.charset() == null ? StandardCharsets.UTF_8 : column.charset());
        if (name.equals("char")) {
            // CHAR reads back without its trailing pad spaces (the JDBC reader's value)
            int end = text.length();
            while (end > 0 && text.charAt(end - 1) == ' ') {
                end--;
            }
            text = text.substring(0, end);
        }
        return text;
    }

    /** @return the members of an ENUM or SET as its type declares them ({@code enum('a','it''s')}) */
    private static List<String> members(CaptureTable.Column column) {
        List<String> values = new ArrayList<>();
        for (String quoted : column.type().params()) {
            String inner = quoted.length() >= 2 && quoted.startsWith("'") && quoted.endsWith("'")
                    ? quoted.substring(1, quoted.length() - 1) : quoted;
            values.add(inner.replace("''", "'").replace("\\\\", "\\"));
        }
        return values;
    }

    private static byte[] bytes(CaptureTable.Column column, Serializable value) {
        if (value instanceof BitSet bits) {
            // BIT(n): big-endian bytes, as many as n bits need
            int length = (column.type().param(0, 1) + 7) / 8;
            byte[] little = bits.toByteArray();
            byte[] big = new byte[length];
            for (int i = 0; i < little.length && i < length; i++) {
                big[length - 1 - i] = little[i];
            }
            return big;
        }
        byte[] raw = (byte[]) value;
        if (column.type().name().equals("binary")) {
            // BINARY(n) is padded with zero bytes to its length, and read back with them
            int length = column.type().param(0, 1);
            return raw.length < length ? Arrays.copyOf(raw, length) : raw;
        }
        return raw;
    }

    private static String json(ColumnType type, Serializable value) {
        byte[] raw = (byte[]) value;
        if (type == ColumnType.JSON) {
            // MySQL's binary JSON
            try {
                return JsonBinary.parseAsString(raw);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new String(raw, StandardCharsets.UTF_8); // MariaDB: JSON is longtext
    }
}
