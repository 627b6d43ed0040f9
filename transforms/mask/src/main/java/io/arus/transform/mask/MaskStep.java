package io.arus.transform.mask;

import io.arus.api.record.RecordBatch;
import io.arus.api.transform.TransformResult;
import io.arus.api.transform.TransformStep;
import io.arus.api.type.Schema;
import java.util.ArrayList;
import java.util.List;

/** Replaces the hidden characters of the masked columns; NULL and absent values stay as they are. */
final class MaskStep implements TransformStep {
    private final Schema schema;
    private final int[] positions;
    private final int keepFirst;
    private final int keepLast;
    private final int mask;

    MaskStep(Schema schema, int[] positions, int keepFirst, int keepLast, int mask) {
        this.schema = schema;
        this.positions = positions.clone();
        this.keepFirst = keepFirst;
        this.keepLast = keepLast;
        this.mask = mask;
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
                    out[position] = mask(text);
                }
            }
            rows.add(out);
        }
        return TransformResult.of(RecordBatch.of(schema, rows, batch.offsetAfter()));
    }

    /** Masks by code point, so a character outside the BMP counts as one. */
    String mask(String text) {
        int[] points = text.codePoints().toArray();
        int hiddenFrom = Math.min(keepFirst, points.length);
        int hiddenTo = Math.max(hiddenFrom, points.length - keepLast);
        for (int i = hiddenFrom; i < hiddenTo; i++) {
            points[i] = mask;
        }
        return new String(points, 0, points.length);
    }
}
