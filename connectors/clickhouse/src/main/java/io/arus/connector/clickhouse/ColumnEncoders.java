package io.arus.connector.clickhouse;

import io.arus.api.record.RecordBatch;
import io.arus.connector.jdbc.JsonText;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Picks the {@link ColumnEncoder} of a column type: the structure (Nullable, Array), numbers, text and UUIDs. */
final class ColumnEncoders {
    private ColumnEncoders() {
    }

    /**
     * @param type a column type as the table has it
     * @return its encoder, or {@code null} when Arus cannot write that type (Enum, Map, Tuple, ...)
     */
    static ColumnEncoder forType(ColumnType type) {
        switch (type.name()) {
            case "Nullable": {
                ColumnEncoder inner = forType(type.argType(0));
                return inner == null ? null : (out, value) -> {
                    if (isNull(value)) {
                        out.writeByte(1);
                    } else {
                        out.writeByte(0);
                        inner.write(out, value);
                    }
                };
            }
            case "LowCardinality":
                return forType(type.argType(0));
            case "Array": {
                ColumnEncoder element = forType(type.argType(0));
                return element == null ? null : (out, value) -> writeArray(out, value, element);
            }
            default: {
                ColumnEncoder scalar = scalar(type);
                return scalar == null ? null : (out, value) -> {
                    if (isNull(value)) {
                        throw new RefusedValue("NULL in a column that is not Nullable (" + type + ")");
                    }
                    scalar.write(out, value);
                };
            }
        }
    }

    /**
     * The width of a flat column's values in the Native format, where a Nullable column is its null map followed by
     * every row's value, a null's as zero bytes of this width (an empty String is its one length byte).
     *
     * @param type a column type without Nullable
     * @return the bytes of its default value, or -1 when its Native layout is not one value after another
     *         (Array, LowCardinality and the types Arus does not write)
     */
    static int nativeWidth(ColumnType type) {
        return switch (type.name()) {
            case "UInt8", "Bool", "Int8" -> 1;
            case "Int16", "UInt16", "Date" -> 2;
            case "Int32", "UInt32", "Float32", "Date32", "DateTime" -> 4;
            case "Int64", "UInt64", "Float64", "DateTime64" -> 8;
            case "UUID" -> 16;
            case "Decimal", "Decimal32", "Decimal64", "Decimal128", "Decimal256" -> DecimalEncoder.of(type).width();
            case "String" -> 1;
            case "FixedString" -> type.intArg(0, 0);
            default -> -1;
        };
    }

    private static ColumnEncoder scalar(ColumnType type) {
        return switch (type.name()) {
            case "UInt8", "Bool" -> (out, value) -> out.writeByte(value instanceof Boolean b ? (b ? 1 : 0)
                    : (int) ranged(value, 0, 255, type));
            case "Int8" -> (out, value) -> out.writeByte((int) ranged(value, Byte.MIN_VALUE, Byte.MAX_VALUE, type));
            case "Int16" -> (out, value) -> out.writeShort((int) ranged(value, Short.MIN_VALUE, Short.MAX_VALUE, type));
            case "UInt16" -> (out, value) -> out.writeShort((int) ranged(value, 0, 65_535, type));
            case "Int32" -> (out, value) -> out.writeInt((int) ranged(value, Integer.MIN_VALUE, Integer.MAX_VALUE, type));
            case "UInt32" -> (out, value) -> out.writeInt((int) ranged(value, 0, 0xFFFF_FFFFL, type));
            case "Int64" -> (out, value) -> out.writeLong(whole(value, type));
            case "UInt64" -> (out, value) -> out.writeLong(ranged(value, 0, Long.MAX_VALUE, type));
            case "Float32" -> (out, value) -> out.writeFloat(number(value, type).floatValue());
            case "Float64" -> (out, value) -> out.writeDouble(number(value, type).doubleValue());
            case "Decimal", "Decimal32", "Decimal64", "Decimal128", "Decimal256" -> DecimalEncoder.of(type);
            case "String" -> ColumnEncoders::writeText;
            case "FixedString" -> fixedString(type.intArg(0, 0));
            case "UUID" -> (out, value) -> writeUuid(out, value, type);
            case "Date", "Date32", "DateTime", "DateTime64" -> TemporalEncoders.of(type);
            default -> null;
        };
    }

    static boolean isNull(Object value) {
        return value == null || value == RecordBatch.ABSENT;
    }

    private static void writeArray(RowBinaryOutput out, Object value, ColumnEncoder element) {
        if (isNull(value)) {
            // ClickHouse has no Nullable(Array): a NULL list is an empty one
            out.writeVarInt(0);
            return;
        }
        if (!(value instanceof List<?> list)) {
            throw new RefusedValue("expected a list, got " + value.getClass().getSimpleName());
        }
        out.writeVarInt(list.size());
        for (Object item : list) {
            element.write(out, item);
        }
    }

    /** Any logical value as text: the String column is where every type may widen to. */
    private static void writeText(RowBinaryOutput out, Object value) {
        if (value instanceof String text) {
            out.writeString(text);
        } else if (value instanceof byte[] bytes) {
            out.writeBytes(bytes);
        } else if (value instanceof BigDecimal decimal) {
            out.writeString(decimal.toPlainString());
        } else if (value instanceof LocalTime time) {
            out.writeString(DateTimeFormatter.ISO_LOCAL_TIME.format(time));
        } else if (value instanceof List<?> || value instanceof Map<?, ?>) {
            out.writeString(JsonText.write(value));
        } else {
            out.writeString(value.toString());
        }
    }

    private static ColumnEncoder fixedString(int width) {
        return (out, value) -> {
            byte[] bytes = value instanceof byte[] b ? b : value.toString().getBytes(StandardCharsets.UTF_8);
            if (bytes.length > width) {
                throw new RefusedValue(bytes.length + " bytes do not fit FixedString(" + width + ")");
            }
            for (int i = 0; i < width; i++) {
                out.writeByte(i < bytes.length ? bytes[i] : 0);
            }
        };
    }

    /** UUID in RowBinary: the high 64 bits, then the low 64 bits, each little-endian. */
    private static void writeUuid(RowBinaryOutput out, Object value, ColumnType type) {
        UUID uuid;
        if (value instanceof UUID u) {
            uuid = u;
        } else {
            try {
                uuid = UUID.fromString(value.toString());
            } catch (IllegalArgumentException e) {
                throw new RefusedValue(value + " is not a UUID");
            }
        }
        out.writeLong(uuid.getMostSignificantBits());
        out.writeLong(uuid.getLeastSignificantBits());
    }

    private static long ranged(Object value, long min, long max, ColumnType type) {
        long whole = whole(value, type);
        if (whole < min || whole > max) {
            throw new RefusedValue(whole + " is out of the range of " + type);
        }
        return whole;
    }

    private static long whole(Object value, ColumnType type) {
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        try {
            if (value instanceof BigDecimal decimal) {
                return decimal.longValueExact();
            }
            if (value instanceof BigInteger big) {
                return big.longValueExact();
            }
        } catch (ArithmeticException e) {
            throw new RefusedValue(value + " is not a whole number within the range of " + type);
        }
        throw new RefusedValue("expected a whole number for " + type + ", got " + value.getClass().getSimpleName());
    }

    private static Number number(Object value, ColumnType type) {
        if (value instanceof Number n) {
            return n;
        }
        throw new RefusedValue("expected a number for " + type + ", got " + value.getClass().getSimpleName());
    }
}
