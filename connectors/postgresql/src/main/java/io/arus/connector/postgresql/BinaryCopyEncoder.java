package io.arus.connector.postgresql;

import io.arus.api.type.LogicalType;
import io.arus.connector.jdbc.JsonText;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Encodes rows in PostgreSQL's binary COPY format for columns of exactly the types {@link PostgresTypes#write}
 * chooses. A value that cannot be encoded for its column (a short out of range, a wrong class) raises SQLState
 * 22000-class exceptions, so that the writer reports it as a data error like the server would.
 */
final class BinaryCopyEncoder {
    /** {@code PGCOPY\n\377\r\n\0}, flags, header extension length. */
    static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0};
    /** Microseconds from 1970-01-01 to PostgreSQL's epoch 2000-01-01. */
    private static final long PG_EPOCH_MICROS = 946_684_800_000_000L;
    private static final long PG_EPOCH_DAYS = 10_957L;

    private final CopyBuffer out;

    BinaryCopyEncoder(CopyBuffer out) {
        this.out = out;
    }

    void row(Object[] row, LogicalType[] types) throws SQLException {
        out.writeShort(types.length);
        for (int i = 0; i < types.length; i++) {
            value(row[i], types[i]);
        }
    }

    void value(Object value, LogicalType type) throws SQLException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        switch (type.kind()) {
            case BOOLEAN -> {
                out.writeInt(1);
                out.writeByte(Boolean.TRUE.equals(value) || "true".equals(value.toString()) ? 1 : 0);
            }
            case INT16 -> {
                long v = number(value, type).longValue();
                if (v < Short.MIN_VALUE || v > Short.MAX_VALUE) {
                    throw new SQLDataException("value " + v + " is out of range for smallint", "22003");
                }
                out.writeInt(2);
                out.writeShort((int) v);
            }
            case INT32 -> {
                long v = number(value, type).longValue();
                if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                    throw new SQLDataException("value " + v + " is out of range for integer", "22003");
                }
                out.writeInt(4);
                out.writeInt((int) v);
            }
            case INT64 -> {
                out.writeInt(8);
                out.writeLong(number(value, type).longValue());
            }
            case FLOAT32 -> {
                out.writeInt(4);
                out.writeInt(Float.floatToIntBits(number(value, type).floatValue()));
            }
            case FLOAT64 -> {
                out.writeInt(8);
                out.writeLong(Double.doubleToLongBits(number(value, type).doubleValue()));
            }
            case DECIMAL -> numeric(value instanceof BigDecimal d ? d : new BigDecimal(value.toString()));
            case STRING -> text(value.toString());
            case BYTES -> {
                byte[] bytes = (byte[]) expect(value, byte[].class, type);
                out.writeInt(bytes.length);
                out.write(bytes, 0, bytes.length);
            }
            case DATE -> {
                out.writeInt(4);
                out.writeInt((int) (expect(value, LocalDate.class, type).toEpochDay() - PG_EPOCH_DAYS));
            }
            case TIME -> {
                out.writeInt(8);
                out.writeLong(expect(value, LocalTime.class, type).toNanoOfDay() / 1000);
            }
            case TIMESTAMP -> {
                out.writeInt(8);
                out.writeLong(micros(expect(value, LocalDateTime.class, type).toInstant(ZoneOffset.UTC)));
            }
            case TIMESTAMPTZ -> {
                out.writeInt(8);
                out.writeLong(micros(instant(value, type)));
            }
            case UUID -> {
                UUID uuid = value instanceof UUID u ? u : UUID.fromString(value.toString());
                out.writeInt(16);
                out.writeLong(uuid.getMostSignificantBits());
                out.writeLong(uuid.getLeastSignificantBits());
            }
            case JSON, STRUCT -> jsonb(value);
            case ARRAY -> {
                if (PostgresTypes.scalarArray(type)) {
                    array((List<?>) expect(value, List.class, type), type.element());
                } else {
                    jsonb(value);
                }
            }
        }
    }

    private void text(String text) {
        if (!out.writeAsciiWithLength(text)) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            out.writeInt(bytes.length);
            out.write(bytes, 0, bytes.length);
        }
    }

    private void jsonb(Object value) {
        String text = value instanceof List<?> || value instanceof Map<?, ?> ? JsonText.write(value) : value.toString();
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length + 1);
        out.writeByte(1); // jsonb binary format version
        out.write(bytes, 0, bytes.length);
    }

    private void array(List<?> values, LogicalType element) throws SQLException {
        int start = out.reserveInt();
        boolean nulls = false;
        for (Object item : values) {
            nulls |= item == null; // List.of(...).contains(null) throws, so no contains()
        }
        out.writeInt(values.isEmpty() ? 0 : 1);
        out.writeInt(nulls ? 1 : 0);
        out.writeInt(PgOids.of(element));
        if (!values.isEmpty()) {
            out.writeInt(values.size());
            out.writeInt(1);
            for (Object item : values) {
                value(item, element);
            }
        }
        out.patchInt(start, out.size() - start - 4);
    }

    /**
     * numeric's wire form: base-10000 digit groups with a weight (the power of 10000 of the first group), a sign
     * and the display scale.
     */
    private void numeric(BigDecimal decimal) {
        PgNumeric numeric = PgNumeric.of(decimal);
        out.writeInt(8 + 2 * numeric.digits().length);
        out.writeShort(numeric.digits().length);
        out.writeShort(numeric.weight());
        out.writeShort(numeric.sign());
        out.writeShort(numeric.scale());
        for (short digit : numeric.digits()) {
            out.writeShort(digit);
        }
    }

    private static long micros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1000)
                - PG_EPOCH_MICROS;
    }

    private static Instant instant(Object value, LogicalType type) throws SQLException {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        if (value instanceof ZonedDateTime zoned) {
            return zoned.toInstant();
        }
        throw wrongClass(value, type);
    }

    private static Number number(Object value, LogicalType type) throws SQLException {
        if (value instanceof Number n) {
            return n;
        }
        try {
            return new BigDecimal(value.toString());
        } catch (NumberFormatException e) {
            throw new SQLDataException("not a number for a " + type + " column: " + value, "22018", e);
        }
    }

    private static <T> T expect(Object value, Class<T> type, LogicalType logical) throws SQLException {
        if (!type.isInstance(value)) {
            throw wrongClass(value, logical);
        }
        return type.cast(value);
    }

    private static SQLException wrongClass(Object value, LogicalType type) {
        return new SQLDataException("a " + type + " column cannot take a " + value.getClass().getSimpleName()
                + " value", "22000");
    }
}
