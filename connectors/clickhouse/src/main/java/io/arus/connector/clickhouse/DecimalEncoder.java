package io.arus.connector.clickhouse;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Decimal(P, S) in RowBinary: the unscaled value as a 4-, 8-, 16- or 32-byte little-endian integer, by precision.
 * Extra fraction digits are rounded half-up (as PostgreSQL's numeric(p,s) does); too many integer digits are
 * refused.
 */
final class DecimalEncoder implements ColumnEncoder {
    private final int precision;
    private final int scale;
    private final int width;
    private final String typeName;

    private DecimalEncoder(int precision, int scale) {
        this.precision = precision;
        this.scale = scale;
        this.width = precision <= 9 ? 4 : precision <= 18 ? 8 : precision <= 38 ? 16 : 32;
        this.typeName = "Decimal(" + precision + ", " + scale + ")";
    }

    /** @param type {@code Decimal(P, S)} or {@code Decimal32(S)} ... {@code Decimal256(S)} */
    static DecimalEncoder of(ColumnType type) {
        return switch (type.name()) {
            case "Decimal32" -> new DecimalEncoder(9, type.intArg(0, 0));
            case "Decimal64" -> new DecimalEncoder(18, type.intArg(0, 0));
            case "Decimal128" -> new DecimalEncoder(38, type.intArg(0, 0));
            case "Decimal256" -> new DecimalEncoder(76, type.intArg(0, 0));
            default -> new DecimalEncoder(type.intArg(0, 10), type.intArg(1, 0));
        };
    }

    /** @return the bytes of one value: 4, 8, 16 or 32 by precision */
    int width() {
        return width;
    }

    @Override
    public void write(RowBinaryOutput out, Object value) {
        BigDecimal decimal = decimal(value);
        BigDecimal scaled = decimal.scale() == scale ? decimal : decimal.setScale(scale, RoundingMode.HALF_UP);
        if (scaled.precision() > precision && scaled.signum() != 0) {
            throw new RefusedValue(decimal.toPlainString() + " does not fit " + typeName);
        }
        switch (width) {
            // movePointRight gives a scale-0 decimal whose longValue() is its compact long: no BigInteger made
            case 4 -> out.writeInt((int) scaled.movePointRight(scale).longValue());
            case 8 -> out.writeLong(scaled.movePointRight(scale).longValue());
            default -> out.writeWide(scaled.unscaledValue().toByteArray(), width);
        }
    }

    private BigDecimal decimal(Object value) {
        if (value instanceof BigDecimal decimal) {
            return decimal;
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        if (value instanceof Number number) {
            try {
                return new BigDecimal(number.toString());
            } catch (NumberFormatException e) {
                throw new RefusedValue(number + " does not fit " + typeName);
            }
        }
        throw new RefusedValue("expected a decimal for " + typeName + ", got " + value.getClass().getSimpleName());
    }
}
