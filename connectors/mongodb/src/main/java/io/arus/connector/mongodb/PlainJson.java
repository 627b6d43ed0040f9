package io.arus.connector.mongodb;

import java.time.Instant;
import java.util.Map;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * Writes BSON values as plain JSON, the text of json columns. Plain rather than MongoDB's extended JSON, because
 * the text lands in warehouse json columns where {@code doc->>'customer_id'} should give the 24 hex digits of an
 * ObjectId, not {@code {"$oid": ...}}: ObjectIds, dates (ISO-8601, UTC), UUIDs and regular expressions become
 * strings, binaries Base64 strings, int64 and decimals exact JSON numbers. The price is that a date and a string
 * holding the same text read alike. Values JSON has no number for (NaN, the infinities) become strings.
 */
final class PlainJson {
    private PlainJson() {
    }

    /**
     * @param value a BSON value
     * @return its JSON text, compact
     */
    static String write(BsonValue value) {
        StringBuilder json = new StringBuilder();
        append(json, value);
        return json.toString();
    }

    private static void append(StringBuilder json, BsonValue value) {
        if (BsonTypes.isNull(value)) {
            json.append("null");
            return;
        }
        switch (value.getBsonType()) {
            case DOCUMENT -> object(json, value.asDocument());
            case ARRAY -> {
                json.append('[');
                boolean first = true;
                for (BsonValue element : value.asArray()) {
                    json.append(first ? "" : ",");
                    append(json, element);
                    first = false;
                }
                json.append(']');
            }
            case INT32 -> json.append(value.asInt32().getValue());
            case INT64 -> json.append(value.asInt64().getValue());
            case DOUBLE -> {
                double d = value.asDouble().getValue();
                if (Double.isFinite(d)) {
                    json.append(d);
                } else {
                    string(json, Double.toString(d));
                }
            }
            case DECIMAL128 -> {
                if (value.asDecimal128().getValue().isFinite()) {
                    json.append(ValueConversion.decimalText(value.asDecimal128().getValue()));
                } else {
                    string(json, value.asDecimal128().getValue().toString());
                }
            }
            case BOOLEAN -> json.append(value.asBoolean().getValue());
            case TIMESTAMP -> json.append("{\"t\":").append(value.asTimestamp().getTime()).append(",\"i\":")
                    .append(value.asTimestamp().getInc()).append('}');
            case JAVASCRIPT_WITH_SCOPE -> {
                json.append("{\"code\":");
                string(json, value.asJavaScriptWithScope().getCode());
                json.append(",\"scope\":");
                object(json, value.asJavaScriptWithScope().getScope());
                json.append('}');
            }
            case DB_POINTER -> {
                json.append("{\"ref\":");
                string(json, value.asDBPointer().getNamespace());
                json.append(",\"id\":");
                string(json, value.asDBPointer().getId().toHexString());
                json.append('}');
            }
            case MIN_KEY -> json.append("{\"$minKey\":1}");
            case MAX_KEY -> json.append("{\"$maxKey\":1}");
            case DATE_TIME -> string(json, Instant.ofEpochMilli(value.asDateTime().getValue()).toString());
            default -> string(json, ValueConversion.text(value));
        }
    }

    private static void object(StringBuilder json, BsonDocument document) {
        json.append('{');
        boolean first = true;
        for (Map.Entry<String, BsonValue> field : document.entrySet()) {
            json.append(first ? "" : ",");
            string(json, field.getKey());
            json.append(':');
            append(json, field.getValue());
            first = false;
        }
        json.append('}');
    }

    private static void string(StringBuilder json, String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                case '\b' -> json.append("\\b");
                case '\f' -> json.append("\\f");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }
}
