package io.arus.api.connector;

import io.arus.api.record.Offset;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What the engine asks a source to read. Build one with {@link #builder(StreamId)}.
 *
 * @param stream       the stream
 * @param columns      the columns to read, in order; empty means all
 * @param syncMode     how to read
 * @param cursorField  the cursor column for {@link SyncMode#INCREMENTAL}; {@code null} otherwise
 * @param primaryKey   the key columns, the keyset tie-breaker after the cursor (and the order of a full read)
 * @param startOffset  where to resume, as stored after the last flushed batch; {@code null} to start at the beginning
 * @param batchSize    the largest number of rows a {@link StreamReader#poll()} returns
 * @param lookBack     how far before the stored cursor value to re-read, to catch rows whose transactions
 *                     committed late; {@link Duration#ZERO} for none
 * @param follow       for {@link SyncMode#CDC}: keep reading changes as they come until the engine stops the reader
 *                     ({@code true}), or read up to the log position that was current when the reader opened and
 *                     then end ({@code false}); ignored by the other modes
 * @param batchWait    for {@link SyncMode#CDC}: the longest a {@link StreamReader#poll()} gathers changes before it
 *                     returns what it has (the pipeline's checkpoint interval: the engine writes each batch and then
 *                     stores its offset), even while more keep coming; {@code null} for the connector's own
 *                     (about a second); ignored by the other modes (since 1.4)
 * @param batchBytes   the most memory the rows of one {@link StreamReader#poll()} take, as
 *                     {@link BatchLimit#footprint(Object[])} estimates it: a batch ends at {@code batchSize} rows or
 *                     at this size, whichever comes first ({@link BatchLimit} does the counting); 0 for no bound
 *                     (since 1.5)
 */
public record ReadRequest(StreamId stream, List<String> columns, SyncMode syncMode, String cursorField,
                          List<String> primaryKey, Offset startOffset, int batchSize, Duration lookBack,
                          boolean follow, Duration batchWait, long batchBytes) {
    /** Checks the request is complete. */
    public ReadRequest {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(syncMode, "syncMode");
        columns = columns == null ? List.of() : List.copyOf(columns);
        primaryKey = primaryKey == null ? List.of() : List.copyOf(primaryKey);
        lookBack = lookBack == null ? Duration.ZERO : lookBack;
        if (batchWait != null && (batchWait.isNegative() || batchWait.isZero())) {
            throw new IllegalArgumentException("batchWait must be positive");
        }
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batchSize must be positive");
        }
        if (batchBytes < 0) {
            throw new IllegalArgumentException("batchBytes must not be negative");
        }
        if (syncMode == SyncMode.INCREMENTAL && (cursorField == null || cursorField.isEmpty())) {
            throw new IllegalArgumentException(stream + ": incremental read needs a cursor field");
        }
    }

    /** A request without a bound on a batch's memory, as before version 1.5. */
    public ReadRequest(StreamId stream, List<String> columns, SyncMode syncMode, String cursorField,
                       List<String> primaryKey, Offset startOffset, int batchSize, Duration lookBack,
                       boolean follow, Duration batchWait) {
        this(stream, columns, syncMode, cursorField, primaryKey, startOffset, batchSize, lookBack, follow, batchWait,
                0);
    }

    /** A request that does not follow a change log ({@code follow} false). */
    public ReadRequest(StreamId stream, List<String> columns, SyncMode syncMode, String cursorField,
                       List<String> primaryKey, Offset startOffset, int batchSize, Duration lookBack) {
        this(stream, columns, syncMode, cursorField, primaryKey, startOffset, batchSize, lookBack, false, null, 0);
    }

    /** A request with the connector's own batch wait, as before version 1.4. */
    public ReadRequest(StreamId stream, List<String> columns, SyncMode syncMode, String cursorField,
                       List<String> primaryKey, Offset startOffset, int batchSize, Duration lookBack, boolean follow) {
        this(stream, columns, syncMode, cursorField, primaryKey, startOffset, batchSize, lookBack, follow, null, 0);
    }

    /**
     * @param stream the stream
     * @return a builder: full refresh, all columns, 10,000 rows a batch with no bound on its memory
     */
    public static Builder builder(StreamId stream) {
        return new Builder(stream);
    }

    /** Builds a {@link ReadRequest}. */
    public static final class Builder {
        private final StreamId stream;
        private List<String> columns = List.of();
        private SyncMode syncMode = SyncMode.FULL_REFRESH;
        private String cursorField;
        private List<String> primaryKey = List.of();
        private Offset startOffset;
        private int batchSize = 10_000;
        private Duration lookBack = Duration.ZERO;
        private boolean follow;
        private Duration batchWait;
        private long batchBytes;

        private Builder(StreamId stream) {
            this.stream = stream;
        }

        /** @param columns the columns to read; empty for all @return this */
        public Builder columns(List<String> columns) {
            this.columns = columns;
            return this;
        }

        /** @param mode how to read @return this */
        public Builder syncMode(SyncMode mode) {
            this.syncMode = mode;
            return this;
        }

        /** @param cursorField the cursor column @return this */
        public Builder cursorField(String cursorField) {
            this.cursorField = cursorField;
            return this;
        }

        /** @param primaryKey the key columns @return this */
        public Builder primaryKey(List<String> primaryKey) {
            this.primaryKey = primaryKey;
            return this;
        }

        /** @param offset where to resume, or null @return this */
        public Builder startOffset(Offset offset) {
            this.startOffset = offset;
            return this;
        }

        /** @param rows the largest batch @return this */
        public Builder batchSize(int rows) {
            this.batchSize = rows;
            return this;
        }

        /** @param lookBack the re-read window @return this */
        public Builder lookBack(Duration lookBack) {
            this.lookBack = lookBack;
            return this;
        }

        /** @param follow for change capture: whether to keep reading new changes @return this */
        public Builder follow(boolean follow) {
            this.follow = follow;
            return this;
        }

        /** @param wait for change capture: the longest a poll gathers changes, or null for the connector's @return this */
        public Builder batchWait(Duration wait) {
            this.batchWait = wait;
            return this;
        }

        /** @param bytes the most memory a batch's rows take, or 0 for no bound @return this */
        public Builder batchBytes(long bytes) {
            this.batchBytes = bytes;
            return this;
        }

        /** @return the request */
        public ReadRequest build() {
            return new ReadRequest(stream, columns, syncMode, cursorField, primaryKey, startOffset, batchSize, lookBack,
                    follow, batchWait, batchBytes);
        }
    }
}
