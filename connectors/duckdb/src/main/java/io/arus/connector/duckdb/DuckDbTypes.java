package io.arus.connector.duckdb;

import io.arus.api.type.Field;
import io.arus.api.type.LogicalType;
import io.arus.connector.jdbc.ColumnMapping;
import io.arus.connector.jdbc.ColumnReader;
import io.arus.connector.jdbc.ColumnReaders;
import io.arus.connector.jdbc.NativeType;
import io.arus.connector.jdbc.TypeMappingTable;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * DuckDB's type mapping, both ways. Native names are those {@code duckdb_columns()} answers. Types without a
 * logical counterpart (INTERVAL, TIME WITH TIME ZONE, ENUM, BIT, LIST, STRUCT, MAP, UNION, BIGNUM) read as their
 * text. Written: DECIMAL keeps its precision and scale up to DuckDB's 38 digits, an unbounded or wider decimal is
 * VARCHAR (exact as text); ARRAY and STRUCT values are JSON.
 */
final class DuckDbTypes {
    /** DuckDB's widest DECIMAL. */
    static final int MAX_PRECISION = 38;

    private static final ColumnReader BIG_INTEGER = (rows, i) -> {
        Object value = rows.getObject(i);
        return value == null ? null : new BigDecimal(value instanceof BigInteger b ? b : new BigInteger(value.toString()));
    };
    private static final ColumnMapping TEXT = new ColumnMapping(LogicalType.STRING, ColumnReaders.STRING);

    /** Native name to logical type and reader; one test row per entry. */
    static final TypeMappingTable READ = TypeMappingTable.builder()
            .row("boolean", new ColumnMapping(LogicalType.BOOLEAN, ColumnReaders.BOOLEAN))
            .row("tinyint", new ColumnMapping(LogicalType.INT16, ColumnReaders.INT16))
            .row("smallint", new ColumnMapping(LogicalType.INT16, ColumnReaders.INT16))
            .row("integer", new ColumnMapping(LogicalType.INT32, ColumnReaders.INT32))
            .row("bigint", new ColumnMapping(LogicalType.INT64, ColumnReaders.INT64))
            .row("hugeint", new ColumnMapping(LogicalType.decimal(39, 0), BIG_INTEGER))
            .row("utinyint", new ColumnMapping(LogicalType.INT16, ColumnReaders.INT16))
            .row("usmallint", new ColumnMapping(LogicalType.INT32, ColumnReaders.INT32))
            .row("uinteger", new ColumnMapping(LogicalType.INT64, ColumnReaders.INT64))
            .row("ubigint", new ColumnMapping(LogicalType.decimal(20, 0), BIG_INTEGER))
            .row("uhugeint", new ColumnMapping(LogicalType.decimal(39, 0), BIG_INTEGER))
            .row("float", new ColumnMapping(LogicalType.FLOAT32, ColumnReaders.FLOAT32))
            .row("double", new ColumnMapping(LogicalType.FLOAT64, ColumnReaders.FLOAT64))
            .row("decimal", type -> new ColumnMapping(LogicalType.decimal(type.param(0, 18), type.param(1, 3)),
                    ColumnReaders.DECIMAL))
            .row("varchar", TEXT)
            .row("blob", new ColumnMapping(LogicalType.BYTES, ColumnReaders.BYTES))
            .row("date", new ColumnMapping(LogicalType.DATE, ColumnReaders.DATE))
            .row("time", new ColumnMapping(LogicalType.TIME, ColumnReaders.TIME))
            .row("timestamp", new ColumnMapping(LogicalType.TIMESTAMP, ColumnReaders.TIMESTAMP))
            .row("timestamp_s", new ColumnMapping(LogicalType.TIMESTAMP, ColumnReaders.TIMESTAMP))
            .row("timestamp_ms", new ColumnMapping(LogicalType.TIMESTAMP, ColumnReaders.TIMESTAMP))
            .row("timestamp_ns", new ColumnMapping(LogicalType.TIMESTAMP, ColumnReaders.TIMESTAMP))
            .row("timestamp with time zone",
                    new ColumnMapping(LogicalType.TIMESTAMPTZ, ColumnReaders.TIMESTAMPTZ_OFFSET))
            .row("uuid", new ColumnMapping(LogicalType.UUID, ColumnReaders.UUID_VALUE))
            .row("json", new ColumnMapping(LogicalType.JSON, ColumnReaders.STRING))
            .row("interval", TEXT)
            .row("time with time zone", TEXT)
            .build();

    private DuckDbTypes() {
    }

    static ColumnMapping read(NativeType type) {
        if (type.arrayDims() > 0) {
            return TEXT;
        }
        return READ.lookup(type).orElse(TEXT);
    }

    /**
     * @param field a field to store
     * @return its column type, spelled as {@code duckdb_columns()} answers it (so that existing tables compare equal)
     */
    static String write(Field field) {
        return write(field.type());
    }

    static String write(LogicalType type) {
        return switch (type.kind()) {
            case BOOLEAN -> "BOOLEAN";
            case INT16 -> "SMALLINT";
            case INT32 -> "INTEGER";
            case INT64 -> "BIGINT";
            case FLOAT32 -> "FLOAT";
            case FLOAT64 -> "DOUBLE";
            case DECIMAL -> nativeDecimal(type) ? "DECIMAL(" + type.precision() + "," + type.scale() + ")" : "VARCHAR";
            case STRING -> "VARCHAR";
            case BYTES -> "BLOB";
            case DATE -> "DATE";
            case TIME -> "TIME";
            case TIMESTAMP -> "TIMESTAMP";
            case TIMESTAMPTZ -> "TIMESTAMP WITH TIME ZONE";
            case UUID -> "UUID";
            case JSON, ARRAY, STRUCT -> "JSON";
        };
    }

    /** Whether a decimal fits DuckDB's DECIMAL; otherwise it is stored as exact text. */
    static boolean nativeDecimal(LogicalType type) {
        return type.precision() > 0 && type.precision() <= MAX_PRECISION;
    }
}
