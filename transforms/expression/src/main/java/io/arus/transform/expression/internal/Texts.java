package io.arus.transform.expression.internal;

import java.math.BigDecimal;
import java.time.temporal.TemporalAccessor;
import java.util.UUID;

/** Turns a scalar value into text for the string functions, and refuses anything else (a list, a range, a class). */
final class Texts {
    private Texts() {
    }

    static String of(Object value) {
        if (value == null || value instanceof String) {
            return (String) value;
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof Number || value instanceof Boolean || value instanceof Character
                || value instanceof TemporalAccessor || value instanceof UUID) {
            return value.toString();
        }
        throw new IllegalArgumentException("a " + value.getClass().getSimpleName() + " is not a text value");
    }
}
