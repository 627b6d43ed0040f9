package io.arus.api.transform;

import io.arus.api.record.RecordBatch;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link TransformStep} returns.
 *
 * @param batch    the rows that go on, in the step's output schema, with the input batch's offset
 * @param rejected the rows that go to dead letters
 */
public record TransformResult(RecordBatch batch, List<RejectedRow> rejected) {
    /** Copies the rejected list. */
    public TransformResult {
        Objects.requireNonNull(batch, "batch");
        rejected = List.copyOf(rejected);
    }

    /** @param batch the output batch @return a result without rejected rows */
    public static TransformResult of(RecordBatch batch) {
        return new TransformResult(batch, List.of());
    }
}
