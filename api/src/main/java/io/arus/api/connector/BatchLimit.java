package io.arus.api.connector;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

/**
 * Where a reader ends a batch: at {@link ReadRequest#batchSize()} rows, or once the rows reach
 * {@link ReadRequest#batchBytes()} of memory, whichever comes first. A batch always takes its first row, so one row
 * wider than the bound is a batch of its own.
 *
 * <pre>{@code
 * BatchLimit limit = BatchLimit.of(request);
 * while (!limit.full(rows.size()) && source.hasNext()) {
 *     Object[] row = source.next();
 *     rows.add(row);
 *     limit.add(row);
 * }
 * limit.reset(); // before the next batch
 * }</pre>
 *
 * <p>Memory is {@link #footprint(Object[]) estimated} from the values: what the row's array and its values take on
 * the heap of a 64-bit JVM with compressed references. Not thread-safe: one per reader.
 *
 * @since 1.5
 */
public final class BatchLimit {
    /** Rows in a paging reader's first page under a byte bound: little enough for any width, enough to measure it. */
    private static final int FIRST_PAGE = 100;

    private final int rows;
    private final long bytes;
    private long taken;

    private BatchLimit(int rows, long bytes) {
        this.rows = rows;
        this.bytes = bytes;
    }

    /** @param request the read @return its limit */
    public static BatchLimit of(ReadRequest request) {
        return new BatchLimit(request.batchSize(), request.batchBytes());
    }

    /**
     * @param rows  the most rows a batch holds
     * @param bytes the most memory its rows take; 0 for no bound
     * @return the limit
     */
    public static BatchLimit of(int rows, long bytes) {
        if (rows <= 0 || bytes < 0) {
            throw new IllegalArgumentException("rows must be positive and bytes not negative");
        }
        return new BatchLimit(rows, bytes);
    }

    /** Counts a row taken into the batch. */
    public void add(Object[] row) {
        if (bytes > 0) {
            taken += footprint(row);
        }
    }

    /** @param count the rows taken so far @return whether the batch must end before another row */
    public boolean full(int count) {
        return count >= rows || bytes > 0 && count > 0 && taken >= bytes;
    }

    /** @return the memory of the rows taken since the last {@link #reset()} (0 when there is no byte bound) */
    public long taken() {
        return taken;
    }

    /** Starts the next batch. */
    public void reset() {
        taken = 0;
    }

    /**
     * How many of these rows would fill a batch: for a reader that asks its source for a number of rows at a time
     * (a page with a {@code LIMIT}), from the rows of its last page.
     *
     * @param pageRows  the rows of the last page
     * @param pageBytes what they took, as {@link #taken()} counted them
     * @return the rows of the next page, from 1 to the batch size
     */
    public int rowsFor(int pageRows, long pageBytes) {
        if (bytes <= 0 || pageRows <= 0 || pageBytes <= 0) {
            return rows;
        }
        long fit = bytes * pageRows / pageBytes;
        return (int) Math.max(1, Math.min(rows, fit));
    }

    /** @return the rows the first page of a paging reader asks for: the batch size, or fewer under a byte bound */
    public int firstPage() {
        return bytes > 0 ? Math.min(rows, FIRST_PAGE) : rows;
    }

    /**
     * @param row a row as readers hand it over
     * @return about the bytes it takes on the heap: the array, and each value with its header and contents
     */
    public static long footprint(Object[] row) {
        long size = 16 + 4L * row.length;
        for (Object value : row) {
            size += of(value);
        }
        return size;
    }

    private static long of(Object value) {
        if (value == null) {
            return 0;
        }
        if (value instanceof String s) {
            // the String and its byte array (one byte a character for Latin-1, two otherwise: count the first)
            return 24 + 16 + align(s.length());
        }
        if (value instanceof byte[] b) {
            return 16 + align(b.length);
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Double || value instanceof Float
                || value instanceof Short || value instanceof Boolean || value instanceof Byte) {
            return 16;
        }
        if (value instanceof BigDecimal d) {
            // up to 18 digits the unscaled value is a long inside; beyond, a BigInteger with its int array
            return 40 + (d.precision() > 18 ? 40 + align(d.unscaledValue().bitLength() / 8 + 1) : 0);
        }
        if (value instanceof BigInteger i) {
            return 40 + align(i.bitLength() / 8 + 1);
        }
        if (value instanceof LocalDateTime) {
            return 72; // the date and the time are objects of their own
        }
        if (value instanceof OffsetDateTime || value instanceof ZonedDateTime) {
            return 96;
        }
        if (value instanceof List<?> list) {
            long total = 40 + 4L * list.size();
            for (Object item : list) {
                total += of(item);
            }
            return total;
        }
        if (value instanceof Map<?, ?> map) {
            long total = 48 + 36L * map.size();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                total += of(e.getKey()) + of(e.getValue());
            }
            return total;
        }
        // LocalDate, LocalTime, Instant, UUID, and other small value objects
        return 24;
    }

    private static long align(long bytes) {
        return (bytes + 7) & ~7L;
    }
}
