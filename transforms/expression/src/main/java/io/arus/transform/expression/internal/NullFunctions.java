package io.arus.transform.expression.internal;

/** The functions without a namespace: {@code coalesce}, {@code is_null} and {@code is_empty}. */
public final class NullFunctions {
    /** @param values candidates @return the first that is not null, or null */
    public Object coalesce(Object... values) {
        for (Object value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    /** @param value a value @return whether it is null */
    public boolean is_null(Object value) {
        return value == null;
    }

    /** @param value a value @return whether it is null or an empty text */
    public boolean is_empty(Object value) {
        return value == null || (value instanceof CharSequence text && text.length() == 0);
    }
}
