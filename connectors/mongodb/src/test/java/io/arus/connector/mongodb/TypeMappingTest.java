package io.arus.connector.mongodb;

import static org.assertj.core.api.Assertions.assertThat;

import io.arus.api.type.Field;
import io.arus.api.type.LogicalType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDbPointer;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonJavaScript;
import org.bson.BsonJavaScriptWithScope;
import org.bson.BsonMaxKey;
import org.bson.BsonMinKey;
import org.bson.BsonNull;
import org.bson.BsonObjectId;
import org.bson.BsonRegularExpression;
import org.bson.BsonString;
import org.bson.BsonSymbol;
import org.bson.BsonTimestamp;
import org.bson.BsonType;
import org.bson.BsonUndefined;
import org.bson.BsonValue;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One row per entry of the BSON type table: the type a field holding only that BSON type gets, and its values. */
class TypeMappingTest {
    private static final ObjectId OID = new ObjectId("65f0a1b2c3d4e5f607182930");
    private static final UUID ID = UUID.fromString("1b4e28ba-2fa1-11d2-883f-0016d3cca427");

    static Stream<Arguments> table() {
        return Stream.of(
                row(BsonType.DOUBLE, new BsonDouble(2.5), LogicalType.FLOAT64, "double", 2.5),
                row(BsonType.STRING, new BsonString("Zoë"), LogicalType.STRING, "string", "Zoë"),
                row(BsonType.DOCUMENT, new BsonDocument("a", new BsonInt32(1)).append("b", new BsonString("x")),
                        LogicalType.JSON, "object", "{\"a\":1,\"b\":\"x\"}"),
                row(BsonType.ARRAY, new BsonArray(List.of(new BsonInt32(1), new BsonString("two"))), LogicalType.JSON,
                        "array", "[1,\"two\"]"),
                row(BsonType.BINARY, new BsonBinary(new byte[] {1, 2, 3}), LogicalType.BYTES, "binData", new byte[] {1, 2, 3}),
                row(BsonType.BINARY, new BsonBinary(ID), LogicalType.UUID, "uuid", ID),
                row(BsonType.UNDEFINED, new BsonUndefined(), LogicalType.STRING, "undefined", null),
                row(BsonType.OBJECT_ID, new BsonObjectId(OID), LogicalType.STRING, "objectId", "65f0a1b2c3d4e5f607182930"),
                row(BsonType.BOOLEAN, BsonBoolean.TRUE, LogicalType.BOOLEAN, "bool", true),
                row(BsonType.DATE_TIME, new BsonDateTime(1_714_557_600_123L), LogicalType.TIMESTAMPTZ, "date",
                        Instant.parse("2024-05-01T10:00:00.123Z")),
                row(BsonType.NULL, BsonNull.VALUE, LogicalType.STRING, "null", null),
                row(BsonType.REGULAR_EXPRESSION, new BsonRegularExpression("^a.*", "i"), LogicalType.STRING, "regex",
                        "/^a.*/i"),
                row(BsonType.DB_POINTER, new BsonDbPointer("shop.orders", OID), LogicalType.JSON, "dbPointer",
                        "{\"ref\":\"shop.orders\",\"id\":\"65f0a1b2c3d4e5f607182930\"}"),
                row(BsonType.JAVASCRIPT, new BsonJavaScript("return 1"), LogicalType.STRING, "javascript", "return 1"),
                row(BsonType.SYMBOL, new BsonSymbol("sym"), LogicalType.STRING, "symbol", "sym"),
                row(BsonType.JAVASCRIPT_WITH_SCOPE, new BsonJavaScriptWithScope("return x", new BsonDocument("x",
                        new BsonInt32(1))), LogicalType.JSON, "javascriptWithScope", "{\"code\":\"return x\",\"scope\":{\"x\":1}}"),
                row(BsonType.INT32, new BsonInt32(-42), LogicalType.INT32, "int", -42),
                row(BsonType.TIMESTAMP, new BsonTimestamp(1_700_000_000, 7), LogicalType.INT64, "timestamp",
                        (1_700_000_000L << 32) | 7),
                row(BsonType.INT64, new BsonInt64(9_007_199_254_740_993L), LogicalType.INT64, "long", 9_007_199_254_740_993L),
                row(BsonType.DECIMAL128, new BsonDecimal128(Decimal128.parse("1234.56")), LogicalType.decimal(38, 2),
                        "decimal", new BigDecimal("1234.56")),
                row(BsonType.MIN_KEY, new BsonMinKey(), LogicalType.STRING, "minKey", "{\"$minKey\":1}"),
                row(BsonType.MAX_KEY, new BsonMaxKey(), LogicalType.STRING, "maxKey", "{\"$maxKey\":1}"));
    }

    private static Arguments row(BsonType bson, BsonValue value, LogicalType type, String nativeType, Object converted) {
        return Arguments.of(bson, value, type, nativeType, converted);
    }

    @ParameterizedTest(name = "{0} as {3}")
    @MethodSource("table")
    void mapsEachBsonTypeToOneLogicalType(BsonType bson, BsonValue value, LogicalType type, String nativeType,
                                          Object converted) {
        SchemaInference inference = new SchemaInference(false);
        for (int i = 0; i < 3; i++) {
            inference.observe(new BsonDocument("_id", new BsonInt32(i)).append("v", value));
        }
        Column column = inference.layout().column("v").orElseThrow();

        assertThat(value.getBsonType()).isEqualTo(bson);
        assertThat(column.field().type()).isEqualTo(type);
        assertThat(column.field().nativeType()).isEqualTo(nativeType);
        assertThat(column.field().nullable()).isTrue();
        Object[] row = inference.layout().row(new BsonDocument("_id", new BsonInt32(9)).append("v", value));
        assertThat(row[1]).isEqualTo(converted);
    }

    @Test
    void theTableCoversEveryValueTypeOfBson() {
        Set<BsonType> tested = table().map(arguments -> (BsonType) arguments.get()[0])
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(BsonType.class)));
        Set<BsonType> mapped = BsonTypes.rows().stream().map(BsonTypes.Row::type)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(BsonType.class)));

        assertThat(mapped).isEqualTo(EnumSet.complementOf(EnumSet.of(BsonType.END_OF_DOCUMENT)));
        assertThat(tested).isEqualTo(mapped);
    }

    @Test
    void theIdIsTheOnlyColumnThatIsNeverNull() {
        SchemaInference inference = new SchemaInference(false);
        inference.observe(new BsonDocument("_id", new BsonObjectId(OID)).append("name", new BsonString("a")));

        List<Field> fields = inference.layout().schema().fields();
        assertThat(fields.get(0)).isEqualTo(new Field("_id", LogicalType.STRING, false, "objectId"));
        assertThat(fields.get(1).nullable()).isTrue();
    }
}
