package io.arus.transform.drop;

import io.arus.api.record.RecordBatch;
import io.arus.api.transform.TransformResult;
import io.arus.api.transform.TransformStep;
import io.arus.api.type.Field;
import io.arus.api.type.Schema;
import java.util.ArrayList;
import java.util.List;

/** Copies the values at the given input positions into each output row. */
final class ProjectStep implements TransformStep {
    private final Schema output;
    private final int[] positions;

    ProjectStep(Schema input, int[] positions) {
        List<Field> fields = new ArrayList<>(positions.length);
        for (int position : positions) {
            fields.add(input.field(position));
        }
        this.output = Schema.of(fields);
        this.positions = positions.clone();
    }

    @Override
    public Schema outputSchema() {
        return output;
    }

    @Override
    public TransformResult apply(RecordBatch batch) {
        List<Object[]> rows = new ArrayList<>(batch.size());
        for (Object[] row : batch.rows()) {
            Object[] out = new Object[positions.length];
            for (int i = 0; i < positions.length; i++) {
                out[i] = row[positions[i]];
            }
            rows.add(out);
        }
        return TransformResult.of(RecordBatch.of(output, rows, batch.offsetAfter()));
    }
}
