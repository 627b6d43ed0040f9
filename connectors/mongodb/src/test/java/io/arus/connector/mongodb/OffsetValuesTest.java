package io.arus.connector.mongodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arus.api.connector.ConnectorException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonMaxKey;
import org.bson.BsonMinKey;
import org.bson.BsonObjectId;
import org.bson.BsonString;
import org.bson.BsonTimestamp;
import org.bson.BsonValue;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class OffsetValuesTest {
    static Stream<BsonValue> keys() {
        return Stream.of(new BsonObjectId(new ObjectId()), new BsonString("order-42"), new BsonString(""),
                new BsonInt32(7), new BsonInt32(Integer.MIN_VALUE), new BsonInt64(7), new BsonInt64(Long.MAX_VALUE),
                new BsonDouble(4.5), new BsonDouble(0.1 + 0.2), new BsonDecimal128(Decimal128.parse("12.3400")),
                new BsonDateTime(1_714_557_600_123L), new BsonDateTime(-86_400_000L), new BsonBinary(UUID.randomUUID()),
                new BsonBinary(new byte[] {0, -1, 7}), BsonBoolean.FALSE, new BsonTimestamp(1_700_000_000, 3),
                new BsonDocument("tenant", new BsonInt32(1)).append("n", new BsonString("x")), new BsonMinKey(),
                new BsonMaxKey(), new BsonArray(List.of(new BsonInt32(1))));
    }

    /**
     * The engine stores offsets as JSON; this trip loses Java types the same way (a small long reads back an
     * Integer) and gives plain maps back.
     */
    static Map<String, Object> throughJson(Map<String, Object> encoded) {
        return plain(Document.parse(new Document("v", encoded).toJson()).get("v", Document.class));
    }

    private static Map<String, Object> plain(Document document) {
        Map<String, Object> map = new LinkedHashMap<>();
        document.forEach((key, value) -> map.put(key, value instanceof Document nested ? plain(nested) : value));
        return map;
    }

    @ParameterizedTest
    @MethodSource("keys")
    void roundTripsEveryKeyTypeExactlyThroughJson(BsonValue key) throws ConnectorException {
        BsonValue decoded = OffsetValues.decode(throughJson(OffsetValues.encode(key)));

        assertThat(decoded).isEqualTo(key);
        assertThat(decoded.getBsonType()).isEqualTo(key.getBsonType());
    }

    @Test
    void readsCommonTypesPlainly() {
        ObjectId id = new ObjectId("65f0a1b2c3d4e5f607182930");

        assertThat(OffsetValues.encode(new BsonObjectId(id))).containsEntry("type", "objectId")
                .containsEntry("value", "65f0a1b2c3d4e5f607182930");
        assertThat(OffsetValues.encode(new BsonDateTime(0))).containsEntry("value", "1970-01-01T00:00:00Z");
        assertThat(OffsetValues.encode(new BsonInt64(Long.MAX_VALUE))).containsEntry("value", "9223372036854775807");
        assertThat(OffsetValues.encode(new BsonInt32(7))).containsEntry("type", "int").containsEntry("value", 7);
    }

    @Test
    void refusesAnOffsetItDidNotWrite() {
        assertThatThrownBy(() -> OffsetValues.decode(42)).isInstanceOf(ConnectorException.class)
                .hasMessageContaining("unreadable MongoDB offset");
        assertThatThrownBy(() -> OffsetValues.decode(Map.of("type", "objectId", "value", "not-hex")))
                .isInstanceOf(ConnectorException.class)
                .satisfies(e -> assertThat(((ConnectorException) e).kind()).isEqualTo(ConnectorException.Kind.INTERNAL));
        assertThatThrownBy(() -> OffsetValues.decode(Map.of("type", "bson", "value", "{oops")))
                .isInstanceOf(ConnectorException.class);
    }
}
