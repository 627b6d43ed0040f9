package io.arus.connector.clickhouse;

import io.arus.api.type.Field;
import io.arus.api.type.LogicalType;
import io.arus.api.type.LogicalType.Kind;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The type mapping: which ClickHouse column type each logical type gets, by server version. One row per kind.
 * <ul>
 * <li>Timestamps, with or without zone, become {@code DateTime64(6, 'UTC')} (microseconds) where the server has
 * DateTime64 (20.1), {@code DateTime('UTC')} (seconds) before. A TIMESTAMP's wall-clock reading is stored as if it
 * were UTC, so the UTC column shows it unchanged whatever the server's zone.</li>
 * <li>DATE becomes {@code Date32} (1900 to 2299) where it exists (21.9), {@code Date} (1970 to 2149) before.</li>
 * <li>DECIMAL keeps its precision and scale up to 38 digits (76 from 22.1); unbounded or wider decimals are
 * {@code String}, exact as text.</li>
 * <li>UUID is the native {@code UUID} type: it sorts and compares as a UUID, which keys need.</li>
 * <li>TIME, BYTES, JSON and STRUCT are {@code String}: ISO-8601 time, the raw bytes, the JSON text, a JSON object.
 * ClickHouse's JSON and Time types are too new or experimental to rely on.</li>
 * <li>ARRAY of a scalar is {@code Array(Nullable(element))}; arrays of arrays or structs are {@code String} JSON.
 * ClickHouse cannot make an Array Nullable, so a NULL array is written as an empty one.</li>
 * <li>Nullable fields are {@code Nullable(...)}, except key columns: sorting keys must not be Nullable.</li>
 * </ul>
 */
final class ClickHouseTypes {
    private static final Map<Kind, BiFunction<LogicalType, ServerVersion, String>> TABLE = new EnumMap<>(Kind.class);

    static {
        TABLE.put(Kind.BOOLEAN, (type, server) -> "UInt8");
        TABLE.put(Kind.INT16, (type, server) -> "Int16");
        TABLE.put(Kind.INT32, (type, server) -> "Int32");
        TABLE.put(Kind.INT64, (type, server) -> "Int64");
        TABLE.put(Kind.FLOAT32, (type, server) -> "Float32");
        TABLE.put(Kind.FLOAT64, (type, server) -> "Float64");
        TABLE.put(Kind.DECIMAL, ClickHouseTypes::decimal);
        TABLE.put(Kind.STRING, (type, server) -> "String");
        TABLE.put(Kind.BYTES, (type, server) -> "String");
        TABLE.put(Kind.DATE, (type, server) -> server.hasDate32() ? "Date32" : "Date");
        TABLE.put(Kind.TIME, (type, server) -> "String");
        TABLE.put(Kind.TIMESTAMP, ClickHouseTypes::timestamp);
        TABLE.put(Kind.TIMESTAMPTZ, ClickHouseTypes::timestamp);
        TABLE.put(Kind.UUID, (type, server) -> "UUID");
        TABLE.put(Kind.JSON, (type, server) -> "String");
        TABLE.put(Kind.ARRAY, ClickHouseTypes::array);
        TABLE.put(Kind.STRUCT, (type, server) -> "String");
    }

    private ClickHouseTypes() {
    }

    /**
     * @param field  a source field
     * @param key    whether it is part of the sorting key (never Nullable)
     * @param server the server the column is made on
     * @return the column type, e.g. {@code Nullable(Decimal(12, 2))}
     */
    static String columnType(Field field, boolean key, ServerVersion server) {
        String type = valueType(field.type(), server);
        boolean nullable = field.nullable() && !key && !type.startsWith("Array(");
        return nullable ? "Nullable(" + type + ")" : type;
    }

    /**
     * @param type   a logical type
     * @param server the server
     * @return the column type of its values, without Nullable
     */
    static String valueType(LogicalType type, ServerVersion server) {
        return TABLE.get(type.kind()).apply(type, server);
    }

    private static String decimal(LogicalType type, ServerVersion server) {
        int limit = server.hasWideDecimal() ? 76 : 38;
        if (type.precision() == 0 || type.precision() > limit) {
            return "String";
        }
        return "Decimal(" + type.precision() + ", " + type.scale() + ")";
    }

    private static String timestamp(LogicalType type, ServerVersion server) {
        return server.hasDateTime64() ? "DateTime64(6, 'UTC')" : "DateTime('UTC')";
    }

    private static String array(LogicalType type, ServerVersion server) {
        Kind element = type.element().kind();
        if (element == Kind.ARRAY || element == Kind.STRUCT) {
            return "String";
        }
        return "Array(Nullable(" + valueType(type.element(), server) + "))";
    }
}
