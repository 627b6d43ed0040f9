package io.arus.connector.duckdb;

import io.arus.api.type.LogicalType;
import io.arus.connector.jdbc.JsonText;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.duckdb.DuckDBAppender;

/**
 * How the value of one logical type goes into its column ({@link DuckDbTypes#write}) through the appender, which
 * checks the Java type against the column type. One entry per kind.
 */
@FunctionalInterface
interface AppendedValue {
    /**
     * @param appender the appender, inside a row
     * @param value    the value in the Java class of its logical type, or null
     * @throws SQLException when the appender refuses it
     */
    void append(DuckDBAppender appender, Object value) throws SQLException;

    static AppendedValue of(LogicalType type) {
        AppendedValue value = switch (type.kind()) {
            case BOOLEAN -> (a, v) -> a.append((boolean) (v instanceof Boolean b ? b : Boolean.parseBoolean(v.toString())));
            case INT16 -> (a, v) -> a.append(((Number) v).shortValue());
            case INT32 -> (a, v) -> a.append(((Number) v).intValue());
            case INT64 -> (a, v) -> a.append(((Number) v).longValue());
            case FLOAT32 -> (a, v) -> a.append(((Number) v).floatValue());
            case FLOAT64 -> (a, v) -> a.append(((Number) v).doubleValue());
            // the appender wants the column's exact scale; rounding half up is what a SQL cast would do
            case DECIMAL -> DuckDbTypes.nativeDecimal(type)
                    ? (a, v) -> a.append(decimal(v).setScale(type.scale(), RoundingMode.HALF_UP))
                    : (a, v) -> a.append(decimal(v).toPlainString());
            case STRING -> (a, v) -> a.append(v.toString());
            case BYTES -> (a, v) -> a.append((byte[]) v);
            case DATE -> (a, v) -> a.append((LocalDate) v);
            case TIME -> (a, v) -> a.append((LocalTime) v);
            case TIMESTAMP -> (a, v) -> a.append((LocalDateTime) v);
            case TIMESTAMPTZ -> (a, v) -> a.append(v instanceof OffsetDateTime o ? o
                    : OffsetDateTime.ofInstant((Instant) v, ZoneOffset.UTC));
            case UUID -> (a, v) -> a.append(v instanceof UUID u ? u : UUID.fromString(v.toString()));
            case JSON, ARRAY, STRUCT -> (a, v) -> a.append(v instanceof List<?> || v instanceof Map<?, ?>
                    ? JsonText.write(v) : v.toString());
        };
        return (appender, v) -> {
            if (v == null) {
                appender.appendNull();
            } else {
                value.append(appender, v);
            }
        };
    }

    private static BigDecimal decimal(Object value) {
        return value instanceof BigDecimal d ? d : new BigDecimal(value.toString());
    }
}
