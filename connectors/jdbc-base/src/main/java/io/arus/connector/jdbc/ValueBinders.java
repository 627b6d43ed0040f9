package io.arus.connector.jdbc;

import io.arus.api.type.LogicalType;
import java.math.BigDecimal;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * Standard parameter binders per logical type. Values are coerced leniently (any {@link Number} for a numeric
 * type, any object's text for STRING) because transforms may hand in a wider Java class than the table prescribes.
 */
public final class ValueBinders {
    private ValueBinders() {
    }

    /**
     * @param type a logical type
     * @return a binder that works on drivers following JDBC 4.2 (java.time objects); dialects override TIMESTAMPTZ,
     *         UUID, JSON, ARRAY and STRUCT where their database needs something else
     */
    public static ValueBinder forType(LogicalType type) {
        return switch (type.kind()) {
            case BOOLEAN -> (s, i, v) -> {
                if (v == null) {
                    s.setNull(i, Types.BOOLEAN);
                } else {
                    s.setBoolean(i, v instanceof Boolean b ? b : Boolean.parseBoolean(v.toString()));
                }
            };
            case INT16, INT32, INT64 -> (s, i, v) -> {
                if (v == null) {
                    s.setNull(i, Types.BIGINT);
                } else {
                    s.setLong(i, ((Number) v).longValue());
                }
            };
            case FLOAT32 -> (s, i, v) -> {
                if (v == null) {
                    s.setNull(i, Types.REAL);
                } else {
                    s.setFloat(i, ((Number) v).floatValue());
                }
            };
            case FLOAT64 -> (s, i, v) -> {
                if (v == null) {
                    s.setNull(i, Types.DOUBLE);
                } else {
                    s.setDouble(i, ((Number) v).doubleValue());
                }
            };
            case DECIMAL -> (s, i, v) -> {
                if (v == null) {
                    s.setNull(i, Types.DECIMAL);
                } else {
                    s.setBigDecimal(i, v instanceof BigDecimal d ? d : new BigDecimal(v.toString()));
                }
            };
            case BYTES -> (s, i, v) -> {
                if (v == null) {
                    s.setNull(i, Types.VARBINARY);
                } else {
                    s.setBytes(i, (byte[]) v);
                }
            };
            case DATE -> (s, i, v) -> s.setObject(i, v, Types.DATE);
            case TIME -> (s, i, v) -> s.setObject(i, v, Types.TIME);
            case TIMESTAMP -> (s, i, v) -> s.setObject(i, v, Types.TIMESTAMP);
            case TIMESTAMPTZ -> (s, i, v) -> s.setObject(i,
                    v == null ? null : OffsetDateTime.ofInstant((Instant) v, ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
            case JSON, ARRAY, STRUCT -> (s, i, v) -> {
                if (v == null) {
                    s.setNull(i, Types.VARCHAR);
                } else {
                    s.setString(i, v instanceof List<?> || v instanceof Map<?, ?> ? JsonText.write(v) : v.toString());
                }
            };
            case STRING, UUID -> (s, i, v) -> {
                if (v == null) {
                    s.setNull(i, Types.VARCHAR);
                } else {
                    s.setString(i, v.toString());
                }
            };
        };
    }
}
