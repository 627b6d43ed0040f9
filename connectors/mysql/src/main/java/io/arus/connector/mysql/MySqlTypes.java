package io.arus.connector.mysql;

import io.arus.api.type.Field;
import io.arus.api.type.LogicalType;
import io.arus.connector.jdbc.ColumnMapping;
import io.arus.connector.jdbc.ColumnReaders;
import io.arus.connector.jdbc.NativeType;
import io.arus.connector.jdbc.TypeMappingTable;

/**
 * The MySQL/MariaDB type mapping, both ways. Native names are those of {@code information_schema.COLUMNS.COLUMN_TYPE}
 * (MariaDB's JSON, stored as longtext with a json_valid check, is reported as {@code json} by the catalog query).
 * Unsigned integers widen to the next logical type that holds them; TINYINT(1) and BIT(1) are booleans; ENUM and
 * SET are text; TIMESTAMP is a point in time (read and written in a {@code +00:00} session), DATETIME a wall-clock
 * reading.
 */
final class MySqlTypes {
    private static final ColumnMapping STRING = new ColumnMapping(LogicalType.STRING, ColumnReaders.STRING);
    private static final ColumnMapping BYTES = new ColumnMapping(LogicalType.BYTES, ColumnReaders.BYTES);

    /** Native name to logical type and reader; one test row per entry. */
    static final TypeMappingTable READ = TypeMappingTable.builder()
            .row("tinyint", type -> type.param(0, 0) == 1
                    ? new ColumnMapping(LogicalType.BOOLEAN, ColumnReaders.BOOLEAN)
                    : new ColumnMapping(LogicalType.INT16, ColumnReaders.INT16))
            .row("smallint", type -> type.unsigned()
                    ? new ColumnMapping(LogicalType.INT32, ColumnReaders.INT32)
                    : new ColumnMapping(LogicalType.INT16, ColumnReaders.INT16))
            .row("mediumint", new ColumnMapping(LogicalType.INT32, ColumnReaders.INT32))
            .row("int", type -> type.unsigned()
                    ? new ColumnMapping(LogicalType.INT64, ColumnReaders.INT64)
                    : new ColumnMapping(LogicalType.INT32, ColumnReaders.INT32))
            .row("bigint", type -> type.unsigned()
                    ? new ColumnMapping(LogicalType.decimal(20, 0), ColumnReaders.DECIMAL)
                    : new ColumnMapping(LogicalType.INT64, ColumnReaders.INT64))
            .row("float", new ColumnMapping(LogicalType.FLOAT32, ColumnReaders.FLOAT32))
            .row("double", new ColumnMapping(LogicalType.FLOAT64, ColumnReaders.FLOAT64))
            .row("decimal", type -> new ColumnMapping(LogicalType.decimal(type.param(0, 10), type.param(1, 0)),
                    ColumnReaders.DECIMAL))
            .row("bit", type -> type.param(0, 1) == 1
                    ? new ColumnMapping(LogicalType.BOOLEAN, ColumnReaders.BOOLEAN) : BYTES)
            .row("year", new ColumnMapping(LogicalType.INT16, ColumnReaders.INT16))
            .row("char", STRING)
            .row("varchar", STRING)
            .row("tinytext", STRING)
            .row("text", STRING)
            .row("mediumtext", STRING)
            .row("longtext", STRING)
            .row("enum", STRING)
            .row("set", STRING)
            .row("binary", BYTES)
            .row("varbinary", BYTES)
            .row("tinyblob", BYTES)
            .row("blob", BYTES)
            .row("mediumblob", BYTES)
            .row("longblob", BYTES)
            .row("date", new ColumnMapping(LogicalType.DATE, ColumnReaders.DATE))
            .row("time", new ColumnMapping(LogicalType.TIME, ColumnReaders.TIME))
            .row("datetime", new ColumnMapping(LogicalType.TIMESTAMP, ColumnReaders.TIMESTAMP))
            .row("timestamp", new ColumnMapping(LogicalType.TIMESTAMPTZ, ColumnReaders.TIMESTAMPTZ_UTC_WALL_CLOCK))
            .row("json", new ColumnMapping(LogicalType.JSON, ColumnReaders.STRING))
            .row("uuid", new ColumnMapping(LogicalType.UUID, ColumnReaders.UUID_VALUE))
            .build();

    private MySqlTypes() {
    }

    static ColumnMapping read(NativeType type) {
        return READ.lookup(type).orElse(STRING);
    }

    /**
     * @param field     a field to store
     * @param keyColumn whether it is part of the primary key: InnoDB cannot index unbounded TEXT/BLOB, so key text
     *                  is VARCHAR(255) and key bytes VARBINARY(255)
     * @return its column type
     */
    static String write(Field field, boolean keyColumn) {
        LogicalType type = field.type();
        return switch (type.kind()) {
            case BOOLEAN -> "tinyint(1)";
            case INT16 -> "smallint";
            case INT32 -> "int";
            case INT64 -> "bigint";
            case FLOAT32 -> "float";
            case FLOAT64 -> "double";
            // MySQL caps DECIMAL at 65 digits, 30 after the point; an unbounded decimal takes the widest
            case DECIMAL -> type.precision() == 0 ? "decimal(65,30)"
                    : "decimal(" + Math.min(65, type.precision()) + "," + Math.min(30, type.scale()) + ")";
            case STRING -> keyColumn ? "varchar(255)" : "longtext";
            case BYTES -> keyColumn ? "varbinary(255)" : "longblob";
            case DATE -> "date";
            case TIME -> "time(6)";
            case TIMESTAMP -> "datetime(6)";
            case TIMESTAMPTZ -> "timestamp(6)";
            case UUID -> "char(36)";
            case JSON, ARRAY, STRUCT -> "json";
        };
    }
}
