package io.arus.transform.concat;

import io.arus.api.record.RecordBatch;
import io.arus.api.transform.TransformResult;
import io.arus.api.transform.TransformStep;
import io.arus.api.type.Schema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds each output row once: the kept input values and the joined text at the target position. A NULL or
 * absent part is skipped, or makes the result NULL, per configuration.
 */
final class ConcatStep implements TransformStep {
    private final Schema output;
    private final int[] sourceOf;
    private final int target;
    private final int[] parts;
    private final List<String> partNames;
    private final String separator;
    private final boolean skipNulls;

    ConcatStep(Schema output, int[] sourceOf, int target, int[] parts, List<String> partNames, String separator,
               boolean skipNulls) {
        this.output = output;
        this.sourceOf = sourceOf.clone();
        this.target = target;
        this.parts = parts.clone();
        this.partNames = List.copyOf(partNames);
        this.separator = separator;
        this.skipNulls = skipNulls;
    }

    @Override
    public Schema outputSchema() {
        return output;
    }

    @Override
    public TransformResult apply(RecordBatch batch) {
        List<Object[]> rows = new ArrayList<>(batch.size());
        StringBuilder text = new StringBuilder();
        for (Object[] row : batch.rows()) {
            Object[] out = new Object[sourceOf.length];
            for (int i = 0; i < sourceOf.length; i++) {
                out[i] = sourceOf[i] < 0 ? null : row[sourceOf[i]];
            }
            out[target] = join(row, text);
            rows.add(out);
        }
        return TransformResult.of(RecordBatch.of(output, rows, batch.offsetAfter()));
    }

    private String join(Object[] row, StringBuilder text) {
        text.setLength(0);
        boolean first = true;
        for (int part : parts) {
            Object value = row[part];
            if (value == null || value == RecordBatch.ABSENT) {
                if (skipNulls) {
                    continue;
                }
                return null;
            }
            if (!first) {
                text.append(separator);
            }
            text.append(value);
            first = false;
        }
        return text.toString();
    }

    /** The result column comes from the joined columns; every other column from itself. */
    @Override
    public Map<String, List<String>> lineage(Schema input) {
        Map<String, List<String>> lineage = new LinkedHashMap<>();
        for (int i = 0; i < output.size(); i++) {
            lineage.put(output.field(i).name(),
                    i == target ? partNames : List.of(input.field(sourceOf[i]).name()));
        }
        return lineage;
    }
}
