package io.arus.connector.postgresql;

import java.math.BigDecimal;

/**
 * A decimal in PostgreSQL's binary numeric form: base-10000 digit groups without leading or trailing zero
 * groups, the weight (the power of 10000 of the first group), the sign and the display scale.
 *
 * @param digits the groups, most significant first
 * @param weight the power of 10000 of {@code digits[0]}
 * @param sign   0x0000 positive, 0x4000 negative
 * @param scale  digits after the decimal point
 */
record PgNumeric(short[] digits, int weight, int sign, int scale) {
    private static final long[] POW10 = new long[19];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    /** The digits of a decimal: with long arithmetic when it fits (most columns), else through its text. */
    static PgNumeric of(BigDecimal decimal) {
        if (decimal.scale() >= 0 && decimal.scale() <= 15 && decimal.unscaledValue().bitLength() <= 62) {
            return fast(decimal);
        }
        return slow(decimal);
    }

    /** Long arithmetic; the profile of a 1,000,000-row copy showed the text path as the writer's hottest code. */
    static PgNumeric fast(BigDecimal decimal) {
        int scale = decimal.scale();
        long unscaled = Math.abs(decimal.unscaledValue().longValue());
        long integer = unscaled / POW10[scale];
        int fractionGroups = (scale + 3) / 4;
        // fraction < 10^15 and the padding <= 10^3: the product stays below 10^18
        long fraction = (unscaled % POW10[scale]) * POW10[fractionGroups * 4 - scale];
        short[] reversed = new short[5];
        int integerGroups = 0;
        while (integer > 0) {
            reversed[integerGroups++] = (short) (integer % 10_000);
            integer /= 10_000;
        }
        short[] all = new short[integerGroups + fractionGroups];
        int n = 0;
        for (int i = integerGroups - 1; i >= 0; i--) {
            all[n++] = reversed[i];
        }
        for (int g = fractionGroups - 1; g >= 0; g--) {
            all[n++] = (short) (fraction / POW10[g * 4] % 10_000);
        }
        return trimmed(all, integerGroups, decimal.signum(), scale);
    }

    /** Any decimal, through its plain text. */
    static PgNumeric slow(BigDecimal decimal) {
        BigDecimal abs = decimal.abs();
        int scale = Math.max(0, abs.scale());
        String plain = abs.setScale(scale).toPlainString();
        int point = plain.indexOf('.');
        String integer = point < 0 ? plain : plain.substring(0, point);
        String fraction = point < 0 ? "" : plain.substring(point + 1);
        integer = "0".repeat((4 - integer.length() % 4) % 4) + integer;
        fraction = fraction + "0".repeat((4 - fraction.length() % 4) % 4);
        int integerGroups = integer.length() / 4;
        String digits = integer + fraction;
        short[] all = new short[digits.length() / 4];
        for (int i = 0; i < all.length; i++) {
            all[i] = Short.parseShort(digits.substring(i * 4, i * 4 + 4));
        }
        return trimmed(all, integerGroups, decimal.signum(), scale);
    }

    private static PgNumeric trimmed(short[] all, int integerGroups, int signum, int scale) {
        int first = 0;
        while (first < all.length && all[first] == 0) {
            first++;
        }
        int last = all.length - 1;
        while (last >= first && all[last] == 0) {
            last--;
        }
        int count = Math.max(0, last - first + 1);
        short[] digits = new short[count];
        System.arraycopy(all, first, digits, 0, count);
        return new PgNumeric(digits, count == 0 ? 0 : integerGroups - 1 - first, signum < 0 ? 0x4000 : 0x0000, scale);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PgNumeric n && java.util.Arrays.equals(digits, n.digits) && weight == n.weight && sign == n.sign
                && scale == n.scale;
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(digits) * 31 + weight;
    }

    @Override
    public String toString() {
        return java.util.Arrays.toString(digits) + " weight " + weight + " sign " + sign + " scale " + scale;
    }
}
