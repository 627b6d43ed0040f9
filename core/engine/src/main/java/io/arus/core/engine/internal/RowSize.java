package io.arus.core.engine.internal;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** A rough size in bytes of a row's values, as they would travel in a compact binary form. */
final class RowSize {
    private RowSize() {
    }

    static long estimate(Object[] row) {
        long size = 0;
        for (Object value : row) {
            size += of(value);
        }
        return size;
    }

    private static long of(Object value) {
        if (value == null) {
            return 1;
        }
        if (value instanceof String s) {
            return s.length() + 4L;
        }
        if (value instanceof byte[] b) {
            return b.length + 4L;
        }
        if (value instanceof BigDecimal d) {
            return 4L + d.unscaledValue().bitLength() / 8 + 1;
        }
        if (value instanceof Boolean || value instanceof Short) {
            return 2;
        }
        if (value instanceof Integer || value instanceof Float) {
            return 4;
        }
        if (value instanceof List<?> list) {
            long total = 4;
            for (Object item : list) {
                total += of(item);
            }
            return total;
        }
        if (value instanceof Map<?, ?> map) {
            long total = 4;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                total += of(e.getKey()) + of(e.getValue());
            }
            return total;
        }
        // Long, Double, temporal values, UUID (16)
        return value instanceof java.util.UUID ? 16 : 8;
    }
}
