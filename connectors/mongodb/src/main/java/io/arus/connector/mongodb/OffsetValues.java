package io.arus.connector.mongodb;

import io.arus.api.connector.ConnectorException;
import io.arus.api.connector.ConnectorException.Kind;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonInvalidOperationException;
import org.bson.BsonObjectId;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.json.JsonMode;
import org.bson.json.JsonParseException;
import org.bson.json.JsonWriterSettings;
import org.bson.types.ObjectId;

/**
 * Turns keyset values ({@code _id}, the cursor) into the JSON-friendly maps an offset holds, and back, exactly: the
 * map names the BSON type, so an ObjectId comes back an ObjectId and an int32 {@code 7} is not confused with an
 * int64 or a string {@code "7"}. The common types read plainly ({@code {"type": "objectId", "value": "65f0..."}},
 * dates as ISO-8601, int64 as a decimal string that no JSON reader rounds); any other type is kept as canonical
 * extended JSON ({@code {"type": "bson", "value": "{\"v\": {\"$numberDouble\": \"4.5\"}}"}}), which is lossless for
 * every BSON type.
 */
final class OffsetValues {
    private static final JsonWriterSettings CANONICAL = JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED).build();
    private static final String TYPE = "type";
    private static final String VALUE = "value";

    private OffsetValues() {
    }

    /**
     * @param value a BSON value
     * @return its offset form
     */
    static Map<String, Object> encode(BsonValue value) {
        Map<String, Object> encoded = new LinkedHashMap<>();
        switch (value.getBsonType()) {
            case OBJECT_ID -> put(encoded, "objectId", value.asObjectId().getValue().toHexString());
            case STRING -> put(encoded, "string", value.asString().getValue());
            case INT32 -> put(encoded, "int", value.asInt32().getValue());
            case INT64 -> put(encoded, "long", Long.toString(value.asInt64().getValue()));
            case DATE_TIME -> put(encoded, "date", Instant.ofEpochMilli(value.asDateTime().getValue()).toString());
            default -> put(encoded, "bson", new BsonDocument("v", value).toJson(CANONICAL));
        }
        return encoded;
    }

    /**
     * @param encoded what {@link #encode} made, after a trip through JSON
     * @return the BSON value
     * @throws ConnectorException when the offset is not one this connector wrote
     */
    static BsonValue decode(Object encoded) throws ConnectorException {
        if (!(encoded instanceof Map<?, ?> map) || !(map.get(TYPE) instanceof String type) || map.get(VALUE) == null) {
            throw unreadable(encoded, null);
        }
        Object value = map.get(VALUE);
        try {
            return switch (type) {
                case "objectId" -> new BsonObjectId(new ObjectId(value.toString()));
                case "string" -> new BsonString(value.toString());
                case "int" -> new BsonInt32(Integer.parseInt(value.toString()));
                case "long" -> new BsonInt64(Long.parseLong(value.toString()));
                case "date" -> new BsonDateTime(Instant.parse(value.toString()).toEpochMilli());
                case "bson" -> {
                    BsonValue parsed = BsonDocument.parse(value.toString()).get("v");
                    if (parsed == null) {
                        throw unreadable(encoded, null);
                    }
                    yield parsed;
                }
                default -> throw unreadable(encoded, null);
            };
        } catch (IllegalArgumentException | DateTimeParseException | JsonParseException | BsonInvalidOperationException e) {
            throw unreadable(encoded, e);
        }
    }

    private static void put(Map<String, Object> encoded, String type, Object value) {
        encoded.put(TYPE, type);
        encoded.put(VALUE, value);
    }

    private static ConnectorException unreadable(Object encoded, Exception cause) {
        return new ConnectorException(Kind.INTERNAL, "unreadable MongoDB offset value " + encoded
                + " (written by another connector or version?)", cause);
    }
}
