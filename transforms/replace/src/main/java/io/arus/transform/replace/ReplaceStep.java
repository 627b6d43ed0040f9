package io.arus.transform.replace;

import io.arus.api.record.RecordBatch;
import io.arus.api.transform.TransformResult;
import io.arus.api.transform.TransformStep;
import io.arus.api.type.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Replaces every match in the chosen columns; NULL and absent values stay as they are. */
final class ReplaceStep implements TransformStep {
    private final Schema schema;
    private final int[] positions;
    private final Pattern pattern;
    private final String replacement;

    ReplaceStep(Schema schema, int[] positions, Pattern pattern, String replacement) {
        this.schema = schema;
        this.positions = positions.clone();
        this.pattern = pattern;
        this.replacement = replacement;
    }

    @Override
    public Schema outputSchema() {
        return schema;
    }

    @Override
    public TransformResult apply(RecordBatch batch) {
        return apply(batch, true);
    }

    @Override
    public boolean writesInPlace() {
        return true;
    }

    @Override
    public TransformResult applyInPlace(RecordBatch batch) {
        return apply(batch, false);
    }

    private TransformResult apply(RecordBatch batch, boolean copy) {
        List<Object[]> rows = new ArrayList<>(batch.size());
        for (Object[] row : batch.rows()) {
            Object[] out = copy ? row.clone() : row;
            for (int position : positions) {
                if (out[position] instanceof String text) {
                    out[position] = pattern.matcher(text).replaceAll(replacement);
                }
            }
            rows.add(out);
        }
        return TransformResult.of(RecordBatch.of(schema, rows, batch.offsetAfter()));
    }
}
