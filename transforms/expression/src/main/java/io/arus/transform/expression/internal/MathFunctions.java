package io.arus.transform.expression.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * The {@code math:} functions. A null number gives null. Decimals stay decimals; rounding is half up, as in SQL.
 */
public final class MathFunctions {
    private static final int MAX_DIGITS = 100;

    /** @param x a number @return its absolute value */
    public Number abs(Number x) {
        if (x == null) {
            return null;
        }
        if (x instanceof BigDecimal d) {
            return d.abs();
        }
        if (x instanceof BigInteger i) {
            return i.abs();
        }
        if (x instanceof Double || x instanceof Float) {
            return Math.abs(x.doubleValue());
        }
        return Math.absExact(x.longValue());
    }

    /** @param x a number @return it rounded to a whole number */
    public Number round(Number x) {
        return round(x, 0);
    }

    /**
     * @param x      a number
     * @param digits digits after the point (negative rounds to tens, hundreds...), -100 to 100
     * @return it rounded half up
     */
    public Number round(Number x, Number digits) {
        if (x == null) {
            return null;
        }
        int n = digits.intValue();
        if (Math.abs(n) > MAX_DIGITS) {
            throw new IllegalArgumentException("round takes -" + MAX_DIGITS + " to " + MAX_DIGITS + " digits, not " + n);
        }
        BigDecimal rounded = decimal(x).setScale(n, RoundingMode.HALF_UP);
        if (x instanceof Double || x instanceof Float) {
            return rounded.doubleValue();
        }
        if (x instanceof BigDecimal) {
            return rounded;
        }
        return rounded.setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    /** @param x a number @return the largest whole number not above it */
    public Number floor(Number x) {
        return x == null ? null : whole(x, RoundingMode.FLOOR);
    }

    /** @param x a number @return the smallest whole number not below it */
    public Number ceil(Number x) {
        return x == null ? null : whole(x, RoundingMode.CEILING);
    }

    /** @param a a number @param b a number @return the smaller; null when either is null */
    public Number min(Number a, Number b) {
        return a == null || b == null ? null : decimal(a).compareTo(decimal(b)) <= 0 ? a : b;
    }

    /** @param a a number @param b a number @return the larger; null when either is null */
    public Number max(Number a, Number b) {
        return a == null || b == null ? null : decimal(a).compareTo(decimal(b)) >= 0 ? a : b;
    }

    private static Number whole(Number x, RoundingMode mode) {
        if (x instanceof BigDecimal d) {
            return d.setScale(0, mode);
        }
        if (x instanceof Double || x instanceof Float) {
            return mode == RoundingMode.FLOOR ? Math.floor(x.doubleValue()) : Math.ceil(x.doubleValue());
        }
        return x;
    }

    private static BigDecimal decimal(Number x) {
        if (x instanceof BigDecimal d) {
            return d;
        }
        if (x instanceof BigInteger i) {
            return new BigDecimal(i);
        }
        if (x instanceof Double || x instanceof Float) {
            return BigDecimal.valueOf(x.doubleValue());
        }
        return BigDecimal.valueOf(x.longValue());
    }
}
