package io.arus.connector.mongodb;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.bson.BsonDocument;
import org.bson.BsonType;
import org.bson.BsonValue;

/**
 * What the sampled documents held at one field path: the BSON types seen (by native name), the widest integer part
 * and scale of its numbers (for a decimal's precision), and, when nested documents are flattened, the same for each
 * child field.
 */
final class FieldStats {
    private final Set<String> types = new TreeSet<>();
    private final Map<String, FieldStats> children = new LinkedHashMap<>();
    private int integerDigits;
    private int scale;

    /**
     * Records one document's value at this path.
     *
     * @param value   the value, or null when the document lacks the field
     * @param flatten whether to look into nested documents
     */
    void observe(BsonValue value, boolean flatten) {
        if (value == null) {
            return;
        }
        types.add(BsonTypes.alias(value));
        if (value.isNumber() || value.isDecimal128()) {
            digits(value);
        } else if (flatten && value.isDocument()) {
            observeFields(value.asDocument(), true);
        }
    }

    /**
     * Records the fields of a document as this node's children.
     *
     * @param document a sampled document (or a nested one)
     * @param flatten  whether to look into nested documents
     */
    void observeFields(BsonDocument document, boolean flatten) {
        for (Map.Entry<String, BsonValue> field : document.entrySet()) {
            children.computeIfAbsent(field.getKey(), name -> new FieldStats()).observe(field.getValue(), flatten);
        }
    }

    private void digits(BsonValue value) {
        BigDecimal number = switch (value.getBsonType()) {
            case INT32 -> BigDecimal.valueOf(value.asInt32().getValue());
            case INT64 -> BigDecimal.valueOf(value.asInt64().getValue());
            case DOUBLE -> Double.isFinite(value.asDouble().getValue()) ? BigDecimal.valueOf(value.asDouble().getValue()) : null;
            case DECIMAL128 -> ValueConversion.decimal(value.asDecimal128().getValue());
            default -> null;
        };
        if (number != null) {
            integerDigits = Math.max(integerDigits, Math.max(0, number.precision() - number.scale()));
            scale = Math.max(scale, Math.max(0, number.scale()));
        }
    }

    /** @return the native type names seen, null included, sorted */
    Set<String> types() {
        return Collections.unmodifiableSet(types);
    }

    /** @return the native type names seen, without null and undefined */
    Set<String> valueTypes() {
        Set<String> values = new TreeSet<>(types);
        values.remove(BsonTypes.row(BsonType.NULL).alias());
        values.remove(BsonTypes.row(BsonType.UNDEFINED).alias());
        return values;
    }

    /** @return the child fields seen in nested documents (only when flattening), in order of first appearance */
    Map<String, FieldStats> children() {
        return Collections.unmodifiableMap(children);
    }

    /** @return the most digits seen before the decimal point */
    int integerDigits() {
        return integerDigits;
    }

    /** @return the most digits seen after the decimal point */
    int scale() {
        return scale;
    }
}
