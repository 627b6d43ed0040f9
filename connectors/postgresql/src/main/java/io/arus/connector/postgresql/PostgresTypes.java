package io.arus.connector.postgresql;

import io.arus.api.type.Field;
import io.arus.api.type.LogicalType;
import io.arus.connector.jdbc.ColumnMapping;
import io.arus.connector.jdbc.ColumnReaders;
import io.arus.connector.jdbc.NativeType;
import io.arus.connector.jdbc.TypeMappingTable;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.UUID;
import java.util.function.Function;

/**
 * PostgreSQL's type mapping, both ways. Native names are those {@code format_type()} answers (domains are
 * resolved to their base type by the catalog query). Types without a logical counterpart (interval, time with time
 * zone, inet, money, enums, ranges...) read as their text; arrays of scalar types read as {@code array<element>}
 * (the catalog does not record dimensions, so a multi-dimensional value reads as nested lists), other arrays as
 * text.
 */
final class PostgresTypes {
    /** Native name to logical type and reader; one test row per entry. */
    static final TypeMappingTable READ = TypeMappingTable.builder()
            .row("smallint", new ColumnMapping(LogicalType.INT16, ColumnReaders.INT16))
            .row("integer", new ColumnMapping(LogicalType.INT32, ColumnReaders.INT32))
            .row("bigint", new ColumnMapping(LogicalType.INT64, ColumnReaders.INT64))
            .row("real", new ColumnMapping(LogicalType.FLOAT32, ColumnReaders.FLOAT32))
            .row("double precision", new ColumnMapping(LogicalType.FLOAT64, ColumnReaders.FLOAT64))
            .row("numeric", type -> new ColumnMapping(LogicalType.decimal(type.param(0, 0), type.param(1, 0)),
                    ColumnReaders.DECIMAL))
            .row("boolean", new ColumnMapping(LogicalType.BOOLEAN, ColumnReaders.BOOLEAN))
            .row("text", new ColumnMapping(LogicalType.STRING, ColumnReaders.STRING))
            .row("character varying", new ColumnMapping(LogicalType.STRING, ColumnReaders.STRING))
            .row("character", new ColumnMapping(LogicalType.STRING, ColumnReaders.STRING))
            .row("bpchar", new ColumnMapping(LogicalType.STRING, ColumnReaders.STRING))
            .row("bytea", new ColumnMapping(LogicalType.BYTES, ColumnReaders.BYTES))
            .row("date", new ColumnMapping(LogicalType.DATE, ColumnReaders.DATE))
            .row("time without time zone", new ColumnMapping(LogicalType.TIME, ColumnReaders.TIME))
            .row("timestamp without time zone", new ColumnMapping(LogicalType.TIMESTAMP, ColumnReaders.TIMESTAMP))
            .row("timestamp with time zone",
                    new ColumnMapping(LogicalType.TIMESTAMPTZ, ColumnReaders.TIMESTAMPTZ_OFFSET))
            .row("uuid", new ColumnMapping(LogicalType.UUID, ColumnReaders.UUID_VALUE))
            .row("json", new ColumnMapping(LogicalType.JSON, ColumnReaders.STRING))
            .row("jsonb", new ColumnMapping(LogicalType.JSON, ColumnReaders.STRING))
            .row("interval", new ColumnMapping(LogicalType.STRING, ColumnReaders.STRING))
            .row("time with time zone", new ColumnMapping(LogicalType.STRING, ColumnReaders.STRING))
            .build();

    private static final ColumnMapping TEXT = new ColumnMapping(LogicalType.STRING, ColumnReaders.STRING);

    private PostgresTypes() {
    }

    static ColumnMapping read(NativeType type) {
        if (type.arrayDims() == 1) {
            ColumnMapping element = READ.lookup(type.element()).orElse(null);
            Function<Object, Object> convert = element == null ? null : elementConverter(element.type());
            if (convert != null) {
                return new ColumnMapping(LogicalType.array(element.type()), ColumnReaders.array(convert));
            }
            return TEXT;
        }
        if (type.arrayDims() > 1) {
            return TEXT;
        }
        return READ.lookup(type).orElse(TEXT);
    }

    /** @return how a driver array element becomes the element type's Java value, or null when not supported */
    private static Function<Object, Object> elementConverter(LogicalType element) {
        return switch (element.kind()) {
            case BOOLEAN, STRING, BYTES -> value -> value;
            case INT16 -> value -> ((Number) value).shortValue();
            case INT32 -> value -> ((Number) value).intValue();
            case INT64 -> value -> ((Number) value).longValue();
            case FLOAT32 -> value -> ((Number) value).floatValue();
            case FLOAT64 -> value -> ((Number) value).doubleValue();
            case DECIMAL -> value -> value instanceof BigDecimal d ? d : new BigDecimal(value.toString());
            case UUID -> value -> value instanceof UUID u ? u : UUID.fromString(value.toString());
            case DATE -> value -> ((Date) value).toLocalDate();
            case TIMESTAMP -> value -> ((Timestamp) value).toLocalDateTime();
            case TIMESTAMPTZ -> value -> ((Timestamp) value).toInstant();
            case JSON -> value -> value.toString();
            default -> null;
        };
    }

    /**
     * @param field a field to store
     * @return its column type, spelled as {@code format_type()} answers it (so that existing tables compare equal)
     */
    static String write(Field field) {
        return write(field.type());
    }

    static String write(LogicalType type) {
        return switch (type.kind()) {
            case BOOLEAN -> "boolean";
            case INT16 -> "smallint";
            case INT32 -> "integer";
            case INT64 -> "bigint";
            case FLOAT32 -> "real";
            case FLOAT64 -> "double precision";
            case DECIMAL -> type.precision() == 0 ? "numeric" : "numeric(" + type.precision() + "," + type.scale() + ")";
            case STRING -> "text";
            case BYTES -> "bytea";
            case DATE -> "date";
            case TIME -> "time without time zone";
            case TIMESTAMP -> "timestamp without time zone";
            case TIMESTAMPTZ -> "timestamp with time zone";
            case UUID -> "uuid";
            case JSON, STRUCT -> "jsonb";
            case ARRAY -> scalarArray(type) ? write(type.element()) + "[]" : "jsonb";
        };
    }

    /** Whether an array maps to a native one-dimensional array (its element is a plain scalar). */
    static boolean scalarArray(LogicalType type) {
        return switch (type.element().kind()) {
            case ARRAY, STRUCT, JSON -> false;
            default -> true;
        };
    }
}
