package io.arus.connector.jdbc;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * The column readers most type mappings need, one per Java value class of {@link io.arus.api.type.LogicalType}.
 * Primitive getters are followed by {@code wasNull()} so that SQL NULL stays null instead of becoming 0 or false.
 */
public final class ColumnReaders {
    /** {@link Boolean}. */
    public static final ColumnReader BOOLEAN = (rows, i) -> {
        boolean value = rows.getBoolean(i);
        return rows.wasNull() ? null : value;
    };
    /** {@link Short}. */
    public static final ColumnReader INT16 = (rows, i) -> {
        short value = rows.getShort(i);
        return rows.wasNull() ? null : value;
    };
    /** {@link Integer}. */
    public static final ColumnReader INT32 = (rows, i) -> {
        int value = rows.getInt(i);
        return rows.wasNull() ? null : value;
    };
    /** {@link Long}. */
    public static final ColumnReader INT64 = (rows, i) -> {
        long value = rows.getLong(i);
        return rows.wasNull() ? null : value;
    };
    /** {@link Float}. */
    public static final ColumnReader FLOAT32 = (rows, i) -> {
        float value = rows.getFloat(i);
        return rows.wasNull() ? null : value;
    };
    /** {@link Double}. */
    public static final ColumnReader FLOAT64 = (rows, i) -> {
        double value = rows.getDouble(i);
        return rows.wasNull() ? null : value;
    };
    /** {@link java.math.BigDecimal}. */
    public static final ColumnReader DECIMAL = ResultSet::getBigDecimal;
    /** {@link String}, also for JSON text. */
    public static final ColumnReader STRING = ResultSet::getString;
    /** {@code byte[]}. */
    public static final ColumnReader BYTES = ResultSet::getBytes;
    /** {@link LocalDate}. */
    public static final ColumnReader DATE = (rows, i) -> rows.getObject(i, LocalDate.class);
    /** {@link LocalTime}. */
    public static final ColumnReader TIME = (rows, i) -> rows.getObject(i, LocalTime.class);
    /** {@link LocalDateTime}: a wall-clock reading, no zone conversion. */
    public static final ColumnReader TIMESTAMP = (rows, i) -> rows.getObject(i, LocalDateTime.class);
    /** {@link Instant} from a driver that answers {@link OffsetDateTime} (PostgreSQL timestamptz). */
    public static final ColumnReader TIMESTAMPTZ_OFFSET = (rows, i) -> {
        OffsetDateTime value = rows.getObject(i, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    };
    /**
     * {@link Instant} from a UTC wall-clock reading: for MySQL/MariaDB TIMESTAMP read by a session whose time zone
     * is {@code +00:00}, so that the driver never shifts it by the JVM's zone.
     */
    public static final ColumnReader TIMESTAMPTZ_UTC_WALL_CLOCK = (rows, i) -> {
        LocalDateTime value = rows.getObject(i, LocalDateTime.class);
        return value == null ? null : value.toInstant(ZoneOffset.UTC);
    };
    /** {@link UUID} from a driver object or its text. */
    public static final ColumnReader UUID_VALUE = (rows, i) -> {
        Object value = rows.getObject(i);
        if (value == null || value instanceof UUID) {
            return value;
        }
        return UUID.fromString(value.toString());
    };

    private ColumnReaders() {
    }

    /**
     * @param element turns one element of the driver's array into the element type's Java value
     * @return a reader of a one-dimensional SQL array as an immutable {@link List}
     */
    public static ColumnReader array(Function<Object, Object> element) {
        return (rows, i) -> {
            Array array = rows.getArray(i);
            if (array == null) {
                return null;
            }
            try {
                return toList((Object[]) array.getArray(), element);
            } finally {
                array.free();
            }
        };
    }

    /** A catalog may not know an array's dimensions (PostgreSQL does not): deeper levels become nested lists. */
    private static List<Object> toList(Object[] values, Function<Object, Object> element) {
        List<Object> list = new ArrayList<>(values.length);
        for (Object value : values) {
            if (value instanceof Object[] nested) {
                list.add(toList(nested, element));
            } else {
                list.add(value == null ? null : element.apply(value));
            }
        }
        return Collections.unmodifiableList(list);
    }
}
