package io.arus.transform.split;

import io.arus.api.record.RecordBatch;
import io.arus.api.transform.TransformResult;
import io.arus.api.transform.TransformStep;
import io.arus.api.type.Field;
import io.arus.api.type.LogicalType;
import io.arus.api.type.Schema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** One split step: copies each row (without the source when it is dropped) and appends the parts. */
final class SplitStep implements TransformStep {
    private final Schema output;
    private final int source;
    private final Pattern pattern;
    private final List<String> into;
    private final boolean keepRest;
    private final boolean asArray;
    private final boolean dropSource;

    SplitStep(Schema input, int source, Pattern pattern, List<String> into, boolean keepRest, boolean asArray,
            boolean dropSource) {
        List<Field> fields = new ArrayList<>(input.fields());
        if (dropSource) {
            fields.remove(source);
        }
        for (String name : into) {
            fields.add(Field.of(name, asArray ? LogicalType.array(LogicalType.STRING) : LogicalType.STRING, true));
        }
        this.output = Schema.of(fields);
        this.source = source;
        this.pattern = pattern;
        this.into = List.copyOf(into);
        this.keepRest = keepRest;
        this.asArray = asArray;
        this.dropSource = dropSource;
    }

    @Override
    public Schema outputSchema() {
        return output;
    }

    @Override
    public TransformResult apply(RecordBatch batch) {
        List<Object[]> rows = new ArrayList<>(batch.size());
        int width = output.size();
        int kept = width - into.size();
        for (Object[] row : batch.rows()) {
            Object[] out = new Object[width];
            if (dropSource) {
                System.arraycopy(row, 0, out, 0, source);
                System.arraycopy(row, source + 1, out, source, kept - source);
            } else {
                System.arraycopy(row, 0, out, 0, kept);
            }
            Object value = row[source];
            if (value == null || value == RecordBatch.ABSENT) {
                Arrays.fill(out, kept, width, value);
            } else if (asArray) {
                out[kept] = List.of(pattern.split((String) value, -1));
            } else {
                String[] parts = pattern.split((String) value, keepRest ? into.size() : -1);
                for (int i = 0; i < into.size(); i++) {
                    out[kept + i] = i < parts.length ? parts[i] : null;
                }
            }
            rows.add(out);
        }
        return TransformResult.of(RecordBatch.of(output, rows, batch.offsetAfter()));
    }

    @Override
    public Map<String, List<String>> lineage(Schema input) {
        Map<String, List<String>> lineage = new LinkedHashMap<>();
        String column = input.field(source).name();
        for (String name : input.names()) {
            if (!(dropSource && name.equals(column))) {
                lineage.put(name, List.of(name));
            }
        }
        for (String name : into) {
            lineage.put(name, List.of(column));
        }
        return lineage;
    }
}
