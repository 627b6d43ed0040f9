package io.arus.api.record;

import io.arus.api.type.Schema;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A batch of rows of one stream: a schema, rows as arrays of values in schema order, and the offset after the
 * last row. Rows are arrays, not maps, so that column order is fixed and no key is repeated per row; a value
 * that the record does not have at all (a document without the field) is {@link #ABSENT}, which is not the
 * same as {@code null}.
 * <p>
 * A batch is handed over, not shared: whoever receives it may not modify the rows, and whoever made it must not
 * modify them afterwards.
 */
public final class RecordBatch {
    /**
     * Marks a value the record does not have (a MongoDB document without the field), as opposed to a {@code null}
     * value. Destinations that cannot tell the difference write NULL.
     */
    public static final Object ABSENT = new Object() {
        @Override
        public String toString() {
            return "ABSENT";
        }
    };

    private final Schema schema;
    private final List<Object[]> rows;
    private final Offset offsetAfter;
    private final List<UnreadableRecord> unreadable;
    private final boolean newKeys;

    private RecordBatch(Schema schema, List<Object[]> rows, Offset offsetAfter, List<UnreadableRecord> unreadable,
                        boolean newKeys) {
        this.schema = Objects.requireNonNull(schema, "schema");
        this.rows = Collections.unmodifiableList(Objects.requireNonNull(rows, "rows"));
        this.offsetAfter = offsetAfter;
        this.unreadable = List.copyOf(unreadable);
        this.newKeys = newKeys;
    }

    /**
     * @param schema      the schema every row follows
     * @param rows        the rows, each an array of {@code schema.size()} values; the list is not copied
     * @param offsetAfter where reading resumes after this batch, or {@code null} when the stream cannot resume
     * @return a batch
     */
    public static RecordBatch of(Schema schema, List<Object[]> rows, Offset offsetAfter) {
        return new RecordBatch(schema, rows, offsetAfter, List.of(), false);
    }

    /**
     * @return a batch with the same schema, rows, offset and unreadable records, marked {@link #newKeys()}
     * @since 1.3
     */
    public RecordBatch withNewKeys() {
        return new RecordBatch(schema, rows, offsetAfter, unreadable, true);
    }

    /**
     * Whether the reader promises that no row of this batch has the primary key of another row of it or of any row
     * it read before, in a read that began with no offset (a stream's first read, in key order). A writer of upserts
     * into a table that held no row when it opened, and that was given only such batches so far, may then insert
     * them without merging. The engine passes the mark on only to batches whose rows are the source's (no
     * transform step ran), in one run.
     *
     * @return the promise; false unless the reader made it
     * @since 1.3
     */
    public boolean newKeys() {
        return newKeys;
    }

    /**
     * @param unreadable what the source met in this batch's part of the stream and could not turn into rows
     * @return a batch with the same schema, rows and offset that also carries those, for dead letters
     * @since 1.2
     */
    public RecordBatch withUnreadable(List<UnreadableRecord> unreadable) {
        return new RecordBatch(schema, rows, offsetAfter, unreadable, newKeys);
    }

    /**
     * @return what the source could not turn into rows in this batch's part of the stream (empty for most sources);
     *         the engine sends each to dead letters with the flush that covers the batch
     * @since 1.2
     */
    public List<UnreadableRecord> unreadable() {
        return unreadable;
    }

    /** @return the schema every row follows */
    public Schema schema() {
        return schema;
    }

    /** @return the rows, read-only */
    public List<Object[]> rows() {
        return rows;
    }

    /** @return how many rows */
    public int size() {
        return rows.size();
    }

    /** @return whether the batch has no rows */
    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** @return where reading resumes after this batch, or {@code null} when the stream cannot resume */
    public Offset offsetAfter() {
        return offsetAfter;
    }

    /**
     * @param rows the rows of the new batch
     * @return a batch with the same schema and offset and other rows (used to split a batch, so a part of a batch
     *         of {@link #newKeys()} keeps the mark); it carries no {@link #unreadable()} records, which belong to
     *         the batch as the source read it
     */
    public RecordBatch withRows(List<Object[]> rows) {
        return new RecordBatch(schema, rows, offsetAfter, List.of(), newKeys);
    }

    @Override
    public String toString() {
        return "RecordBatch[" + rows.size() + " rows, " + (unreadable.isEmpty() ? "" : unreadable.size() + " unreadable, ")
                + "offsetAfter=" + offsetAfter + (newKeys ? ", new keys" : "") + "]";
    }
}
