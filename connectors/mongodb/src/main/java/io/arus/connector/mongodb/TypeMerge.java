package io.arus.connector.mongodb;

import io.arus.api.type.LogicalType;
import io.arus.api.type.LogicalType.Kind;
import java.util.EnumSet;
import java.util.Set;

/**
 * Decides one logical type for a field from the BSON types the sample held there. A single type maps by the
 * {@link BsonTypes} table. Several types merge to the narrowest type that holds them all: int32 and int64 to int64,
 * any integer with a double to float64, any number with a decimal to decimal; anything with a nested document or an
 * array to json (a scalar is valid JSON text too); UUIDs with other binaries to bytes; any other mix to string,
 * which every value has a form in. A field that only ever held null is a string.
 * <p>
 * Decimals get the scale of the most fractional value in the sample and at least 38 digits of precision (what most
 * warehouses hold in 16 bytes), more when the sample's integer digits plus that scale need it; past 1000 digits
 * (a Decimal128 can reach 6144) the type is an unbounded decimal.
 */
final class TypeMerge {
    private static final Set<Kind> NUMBERS = EnumSet.of(Kind.INT32, Kind.INT64, Kind.FLOAT64, Kind.DECIMAL);
    private static final int DECIMAL_PRECISION = 38;
    private static final int MAX_PRECISION = 1000;

    private TypeMerge() {
    }

    /**
     * @param stats what the sample held at one path
     * @return its logical type
     */
    static LogicalType of(FieldStats stats) {
        Set<Kind> kinds = EnumSet.noneOf(Kind.class);
        for (String alias : stats.valueTypes()) {
            kinds.add(BsonTypes.kind(alias));
        }
        if (kinds.isEmpty()) {
            return LogicalType.STRING;
        }
        if (kinds.size() == 1) {
            Kind kind = kinds.iterator().next();
            return kind == Kind.DECIMAL ? decimal(stats) : LogicalType.of(kind);
        }
        if (kinds.contains(Kind.JSON)) {
            return LogicalType.JSON;
        }
        if (NUMBERS.containsAll(kinds)) {
            if (kinds.contains(Kind.DECIMAL)) {
                return decimal(stats);
            }
            return kinds.contains(Kind.FLOAT64) ? LogicalType.FLOAT64 : LogicalType.INT64;
        }
        if (kinds.equals(EnumSet.of(Kind.UUID, Kind.BYTES))) {
            return LogicalType.BYTES;
        }
        return LogicalType.STRING;
    }

    private static LogicalType decimal(FieldStats stats) {
        int scale = stats.scale();
        int precision = Math.max(DECIMAL_PRECISION, stats.integerDigits() + scale);
        if (precision > MAX_PRECISION) {
            return LogicalType.decimal(0, 0);
        }
        return LogicalType.decimal(precision, scale);
    }
}
