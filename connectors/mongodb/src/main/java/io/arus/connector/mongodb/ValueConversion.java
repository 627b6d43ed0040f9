package io.arus.connector.mongodb;

import io.arus.api.type.LogicalType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Base64;
import org.bson.BsonValue;
import org.bson.types.Decimal128;

/**
 * Turns a BSON value into the Java value of a column's logical type (see {@link LogicalType}). A value that fits
 * the type without loss is converted (an int64 that fits an int32 column, a whole double in an int64 column); any
 * other value, such as a string in a number column that the sample never showed, becomes its string form instead
 * of failing the read, and the destination decides (a row it refuses goes to the dead letters).
 */
final class ValueConversion {
    private ValueConversion() {
    }

    /**
     * @param value a non-null BSON value
     * @param type  the column's logical type
     * @return the Java value for that type, or the value's string form when it does not fit
     */
    static Object convert(BsonValue value, LogicalType type) {
        Object converted = switch (type.kind()) {
            case STRING -> text(value);
            case JSON -> PlainJson.write(value);
            case INT32 -> int32(value);
            case INT64 -> int64(value);
            case FLOAT64 -> value.isNumber() ? value.asNumber().doubleValue()
                    : value.isDecimal128() ? value.asDecimal128().getValue().doubleValue() : null;
            case DECIMAL -> decimal(value);
            case BOOLEAN -> value.isBoolean() ? value.asBoolean().getValue() : null;
            case TIMESTAMPTZ -> value.isDateTime() ? Instant.ofEpochMilli(value.asDateTime().getValue()) : null;
            case BYTES -> value.isBinary() ? value.asBinary().getData() : null;
            case UUID -> BsonTypes.isUuid(value) ? value.asBinary().asUuid() : null;
            default -> null;
        };
        return converted != null ? converted : text(value);
    }

    /**
     * @param value a non-null BSON value
     * @return how the value reads as text: strings as they are, ObjectIds as 24 hex digits, numbers in decimal,
     *         dates in ISO-8601 (UTC), binaries in Base64, documents and arrays as JSON
     */
    static String text(BsonValue value) {
        return switch (value.getBsonType()) {
            case STRING -> value.asString().getValue();
            case SYMBOL -> value.asSymbol().getSymbol();
            case OBJECT_ID -> value.asObjectId().getValue().toHexString();
            case INT32 -> Integer.toString(value.asInt32().getValue());
            case INT64 -> Long.toString(value.asInt64().getValue());
            case DOUBLE -> Double.toString(value.asDouble().getValue());
            case DECIMAL128 -> decimalText(value.asDecimal128().getValue());
            case BOOLEAN -> Boolean.toString(value.asBoolean().getValue());
            case DATE_TIME -> Instant.ofEpochMilli(value.asDateTime().getValue()).toString();
            case BINARY -> BsonTypes.isUuid(value) ? value.asBinary().asUuid().toString()
                    : Base64.getEncoder().encodeToString(value.asBinary().getData());
            case REGULAR_EXPRESSION -> "/" + value.asRegularExpression().getPattern() + "/"
                    + value.asRegularExpression().getOptions();
            case JAVASCRIPT -> value.asJavaScript().getCode();
            default -> PlainJson.write(value);
        };
    }

    /**
     * @param decimal a Decimal128
     * @return its exact value, or null for NaN and the infinities; negative zero is zero
     */
    static BigDecimal decimal(Decimal128 decimal) {
        if (!decimal.isFinite()) {
            return null;
        }
        try {
            BigDecimal value = decimal.bigDecimalValue();
            // 1E+3 has scale -3; destinations expect a scale from 0 up
            return value.scale() < 0 ? value.setScale(0) : value;
        } catch (ArithmeticException negativeZero) {
            return BigDecimal.ZERO;
        }
    }

    static String decimalText(Decimal128 decimal) {
        BigDecimal value = decimal(decimal);
        return value == null ? decimal.toString() : value.toPlainString();
    }

    private static Integer int32(BsonValue value) {
        Long whole = int64(value);
        return whole != null && whole == (int) (long) whole ? (int) (long) whole : null;
    }

    private static Long int64(BsonValue value) {
        return switch (value.getBsonType()) {
            case INT32 -> (long) value.asInt32().getValue();
            case INT64 -> value.asInt64().getValue();
            case TIMESTAMP -> value.asTimestamp().getValue();
            case DOUBLE -> {
                double d = value.asDouble().getValue();
                yield d == Math.rint(d) && d >= -0x1p63 && d < 0x1p63 ? (long) d : null;
            }
            case DECIMAL128 -> {
                BigDecimal d = decimal(value.asDecimal128().getValue());
                try {
                    yield d == null ? null : d.longValueExact();
                } catch (ArithmeticException e) {
                    yield null;
                }
            }
            default -> null;
        };
    }

    private static BigDecimal decimal(BsonValue value) {
        return switch (value.getBsonType()) {
            case INT32 -> BigDecimal.valueOf(value.asInt32().getValue());
            case INT64 -> BigDecimal.valueOf(value.asInt64().getValue());
            case DOUBLE -> {
                double d = value.asDouble().getValue();
                BigDecimal exact = Double.isFinite(d) ? BigDecimal.valueOf(d) : null;
                yield exact != null && exact.scale() < 0 ? exact.setScale(0) : exact;
            }
            case DECIMAL128 -> decimal(value.asDecimal128().getValue());
            default -> null;
        };
    }
}
