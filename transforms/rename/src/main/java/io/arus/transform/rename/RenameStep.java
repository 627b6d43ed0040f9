package io.arus.transform.rename;

import io.arus.api.record.RecordBatch;
import io.arus.api.transform.TransformResult;
import io.arus.api.transform.TransformStep;
import io.arus.api.type.Schema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A rename: the same rows under a schema with new names; nothing is copied. */
final class RenameStep implements TransformStep {
    private final Schema output;
    private final Schema input;

    RenameStep(Schema output, Schema input) {
        this.output = output;
        this.input = input;
    }

    @Override
    public Schema outputSchema() {
        return output;
    }

    @Override
    public TransformResult apply(RecordBatch batch) {
        return TransformResult.of(RecordBatch.of(output, batch.rows(), batch.offsetAfter()));
    }

    /** Each output column comes from the input column at the same position. */
    @Override
    public Map<String, List<String>> lineage(Schema in) {
        Map<String, List<String>> lineage = new LinkedHashMap<>();
        for (int i = 0; i < output.size(); i++) {
            lineage.put(output.field(i).name(), List.of(input.field(i).name()));
        }
        return lineage;
    }
}
