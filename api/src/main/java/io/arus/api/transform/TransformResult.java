package io.arus.api.transform;

import io.arus.api.record.RecordBatch;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link TransformStep} returns.
 *
 * @param batch    the rows that go on, in the step's output schema, with the input batch's offset
 * @param rejected the rows that go to dead letters, each with its reason
 * @param filtered how many rows the step left out on purpose (a filter): counted, not rejected
 */
public record TransformResult(RecordBatch batch, List<RejectedRow> rejected, long filtered) {
    /** Copies the rejected list. */
    public TransformResult {
        Objects.requireNonNull(batch, "batch");
        rejected = List.copyOf(rejected);
        if (filtered < 0) {
            throw new IllegalArgumentException("filtered must not be negative: " + filtered);
        }
    }

    /**
     * @param batch    the output batch
     * @param rejected the rejected rows
     */
    public TransformResult(RecordBatch batch, List<RejectedRow> rejected) {
        this(batch, rejected, 0);
    }

    /** @param batch the output batch @return a result without rejected or filtered rows */
    public static TransformResult of(RecordBatch batch) {
        return new TransformResult(batch, List.of(), 0);
    }
}
