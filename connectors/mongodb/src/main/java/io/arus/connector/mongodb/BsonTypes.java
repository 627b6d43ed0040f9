package io.arus.connector.mongodb;

import io.arus.api.type.LogicalType.Kind;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonBinarySubType;
import org.bson.BsonInt32;
import org.bson.BsonType;
import org.bson.BsonValue;

/**
 * The MongoDB type table: for every BSON type, the name MongoDB users know it by ({@code $type} alias, used as the
 * native type), the logical kind a field holding only that type maps to, and its bracket in MongoDB's comparison
 * order. Query operators compare within one bracket only ({@code {$gt: 5}} never matches a string), while sorts
 * order brackets one after another; the keyset filters need both facts.
 */
final class BsonTypes {
    /** One row of the table. */
    record Row(BsonType type, String alias, Kind kind, int rank) {
    }

    /** A pseudo alias for binary subtype 4 (a standard UUID), which maps to the UUID kind instead of BYTES. */
    static final String UUID_ALIAS = "uuid";

    private static final Map<BsonType, Row> TABLE = new EnumMap<>(BsonType.class);
    private static final Map<String, Row> BY_ALIAS = new HashMap<>();

    static {
        row(BsonType.MIN_KEY, "minKey", Kind.STRING, 0);
        row(BsonType.NULL, "null", Kind.STRING, 5);
        row(BsonType.UNDEFINED, "undefined", Kind.STRING, 5);
        row(BsonType.INT32, "int", Kind.INT32, 10);
        row(BsonType.INT64, "long", Kind.INT64, 10);
        row(BsonType.DOUBLE, "double", Kind.FLOAT64, 10);
        row(BsonType.DECIMAL128, "decimal", Kind.DECIMAL, 10);
        row(BsonType.STRING, "string", Kind.STRING, 15);
        row(BsonType.SYMBOL, "symbol", Kind.STRING, 15);
        row(BsonType.DOCUMENT, "object", Kind.JSON, 20);
        row(BsonType.ARRAY, "array", Kind.JSON, 25);
        row(BsonType.BINARY, "binData", Kind.BYTES, 30);
        row(BsonType.OBJECT_ID, "objectId", Kind.STRING, 35);
        row(BsonType.BOOLEAN, "bool", Kind.BOOLEAN, 40);
        row(BsonType.DATE_TIME, "date", Kind.TIMESTAMPTZ, 45);
        // the replication timestamp: seconds and an ordinal in one 64-bit value, which keeps its order as an int64
        row(BsonType.TIMESTAMP, "timestamp", Kind.INT64, 47);
        row(BsonType.REGULAR_EXPRESSION, "regex", Kind.STRING, 50);
        row(BsonType.DB_POINTER, "dbPointer", Kind.JSON, 55);
        row(BsonType.JAVASCRIPT, "javascript", Kind.STRING, 60);
        row(BsonType.JAVASCRIPT_WITH_SCOPE, "javascriptWithScope", Kind.JSON, 65);
        row(BsonType.MAX_KEY, "maxKey", Kind.STRING, 100);
    }

    /**
     * Deprecated types a {@code $type} query need not name: no server accepts them as new values, and some servers
     * (the in-process test server among them) refuse their codes.
     */
    private static final Set<BsonType> NOT_QUERIED = Set.of(BsonType.UNDEFINED, BsonType.DB_POINTER, BsonType.SYMBOL,
            BsonType.JAVASCRIPT, BsonType.JAVASCRIPT_WITH_SCOPE);

    private BsonTypes() {
    }

    private static void row(BsonType type, String alias, Kind kind, int rank) {
        Row row = new Row(type, alias, kind, rank);
        TABLE.put(type, row);
        BY_ALIAS.put(alias, row);
    }

    /** @return every row, in BSON type order */
    static List<Row> rows() {
        return List.copyOf(TABLE.values());
    }

    /** @return the row of a BSON type */
    static Row row(BsonType type) {
        Row row = TABLE.get(type);
        if (row == null) {
            throw new IllegalArgumentException("not a value type: " + type);
        }
        return row;
    }

    /**
     * @param alias a native type name from {@link #alias(BsonValue)}
     * @return the logical kind a field holding only that type maps to
     */
    static Kind kind(String alias) {
        return UUID_ALIAS.equals(alias) ? Kind.UUID : byAlias(alias).kind();
    }

    /**
     * @param alias a native type name from {@link #alias(BsonValue)}
     * @return its BSON type
     */
    static BsonType type(String alias) {
        return UUID_ALIAS.equals(alias) ? BsonType.BINARY : byAlias(alias).type();
    }

    private static Row byAlias(String alias) {
        Row row = BY_ALIAS.get(alias);
        if (row == null) {
            throw new IllegalArgumentException("not a BSON type name: " + alias);
        }
        return row;
    }

    /** @return whether the value is a binary holding a standard (subtype 4) UUID */
    static boolean isUuid(BsonValue value) {
        return value instanceof BsonBinary binary && binary.getType() == BsonBinarySubType.UUID_STANDARD.getValue()
                && binary.getData().length == 16;
    }

    /** @return the native type name of a value: its {@code $type} alias, or {@value #UUID_ALIAS} */
    static String alias(BsonValue value) {
        return isUuid(value) ? UUID_ALIAS : row(value.getBsonType()).alias();
    }

    /** @return whether the value stands for "no value" (null, or the deprecated undefined) */
    static boolean isNull(BsonValue value) {
        return value == null || value.isNull() || value.getBsonType() == BsonType.UNDEFINED;
    }

    /**
     * @param type a BSON type
     * @return the {@code $type} codes of every queryable type in the same comparison bracket
     */
    static BsonArray bracket(BsonType type) {
        int rank = row(type).rank();
        return codes(rank, rank);
    }

    /**
     * @param type a BSON type
     * @return the {@code $type} codes of every queryable type that sorts after its bracket, empty when none
     */
    static BsonArray sortedAfter(BsonType type) {
        return codes(row(type).rank() + 1, Integer.MAX_VALUE);
    }

    private static BsonArray codes(int fromRank, int toRank) {
        List<BsonValue> codes = new ArrayList<>();
        for (Row row : TABLE.values()) {
            if (row.rank() >= fromRank && row.rank() <= toRank && !NOT_QUERIED.contains(row.type())) {
                // $type takes -1 for MinKey; BsonType keeps its single-byte value 0xFF
                codes.add(new BsonInt32(row.type() == BsonType.MIN_KEY ? -1 : row.type().getValue()));
            }
        }
        return new BsonArray(codes);
    }
}
