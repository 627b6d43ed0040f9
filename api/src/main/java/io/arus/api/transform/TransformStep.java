package io.arus.api.transform;

import io.arus.api.record.RecordBatch;
import io.arus.api.type.Schema;
import org.osgi.annotation.versioning.ConsumerType;

/** One configured step of a transform chain. Used by one engine thread at a time. */
@ConsumerType
public interface TransformStep {
    /** @return the schema of the batches {@link #apply} returns */
    Schema outputSchema();

    /**
     * Transforms a batch. Rows that cannot be transformed are returned as rejected with a reason; they go to dead
     * letters and the rest of the batch goes on.
     *
     * @param batch a batch in the input schema
     * @return the output batch (same offset) and the rejected rows
     */
    TransformResult apply(RecordBatch batch);
}
