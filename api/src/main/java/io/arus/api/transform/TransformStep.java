package io.arus.api.transform;

import io.arus.api.record.RecordBatch;
import io.arus.api.type.Field;
import io.arus.api.type.Schema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.annotation.versioning.ConsumerType;

/** One configured step of a transform chain. Used by one engine thread at a time; closed when the stream ends. */
@ConsumerType
public interface TransformStep extends AutoCloseable {
    /** @return the schema of the batches {@link #apply} returns */
    Schema outputSchema();

    /**
     * Transforms a batch. Rows that cannot be transformed are returned as rejected with a reason; they go to dead
     * letters and the rest of the batch goes on. Rows a filter leaves out are counted as filtered.
     *
     * @param batch a batch in the input schema
     * @return the output batch (same offset), the rejected rows and how many rows were filtered out
     * @throws TransformException when the step cannot go on at all; the run fails at this batch
     */
    TransformResult apply(RecordBatch batch) throws TransformException;

    /**
     * Whether {@link #applyInPlace} writes into the row arrays it is given instead of copying each row. A chain
     * with such a step copies the source's rows once when a batch enters it, and then calls {@code applyInPlace}
     * on every step, so that steps which only replace values (a cast, a hash) do not copy each row again.
     *
     * @return true when {@link #applyInPlace} is overridden to write into the given arrays; false by default
     * @since 2.1
     */
    default boolean writesInPlace() {
        return false;
    }

    /**
     * Like {@link #apply}, for a batch whose row arrays belong to the chain (copies nobody else holds): the step may
     * write values into the arrays it is given and return those same arrays. A row it rejects is returned with the
     * values it came with (undo any write to it first), since the rejected row is traced back for dead letters. The
     * step must not keep the arrays after it returns. The default calls {@link #apply}.
     *
     * @param batch a batch in the input schema whose rows the step may change
     * @return as for {@link #apply}
     * @throws TransformException as for {@link #apply}
     * @since 2.1
     */
    default TransformResult applyInPlace(RecordBatch batch) throws TransformException {
        return apply(batch);
    }

    /**
     * Column lineage: which input columns each output column comes from. An output column made from nothing
     * (a constant) maps to an empty list. The default maps each output column to the input column of the same name,
     * if there is one.
     *
     * @param input the schema the step was opened with
     * @return output column name to input column names, in output order
     */
    default Map<String, List<String>> lineage(Schema input) {
        Map<String, List<String>> lineage = new LinkedHashMap<>();
        for (Field field : outputSchema().fields()) {
            lineage.put(field.name(), input.indexOf(field.name()).isPresent() ? List.of(field.name()) : List.of());
        }
        return lineage;
    }

    /** Releases what the step holds (a process, a buffer); the default holds nothing. */
    @Override
    default void close() {
    }
}
