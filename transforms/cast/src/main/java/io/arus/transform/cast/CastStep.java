package io.arus.transform.cast;

import io.arus.api.record.RecordBatch;
import io.arus.api.transform.RejectedRow;
import io.arus.api.transform.TransformResult;
import io.arus.api.transform.TransformStep;
import io.arus.api.type.Schema;
import java.util.ArrayList;
import java.util.List;

/** Casts the chosen columns of each row; NULL and absent values pass untouched. */
final class CastStep implements TransformStep {
    private static final int SHOWN = 80;

    private final Schema output;
    private final int[] positions;
    private final Conversion[] conversions;
    private final boolean toNull;
    private RuntimeException failedWith;

    CastStep(Schema output, int[] positions, Conversion[] conversions, boolean toNull) {
        this.output = output;
        this.positions = positions.clone();
        this.conversions = conversions.clone();
        this.toNull = toNull;
    }

    @Override
    public Schema outputSchema() {
        return output;
    }

    @Override
    public TransformResult apply(RecordBatch batch) {
        return cast(batch, true);
    }

    @Override
    public boolean writesInPlace() {
        return true;
    }

    @Override
    public TransformResult applyInPlace(RecordBatch batch) {
        return cast(batch, false);
    }

    private TransformResult cast(RecordBatch batch, boolean copy) {
        List<Object[]> rows = new ArrayList<>(batch.size());
        List<RejectedRow> rejected = new ArrayList<>();
        Object[] before = new Object[positions.length];
        for (Object[] row : batch.rows()) {
            Object[] out = copy ? row.clone() : row;
            int failed = castRow(out, before);
            if (failed < 0) {
                rows.add(out);
            } else {
                for (int i = 0; i < failed; i++) {
                    out[positions[i]] = before[i];
                }
                rejected.add(new RejectedRow(row, reason(failed, before[failed], failedWith)));
            }
        }
        failedWith = null;
        return new TransformResult(RecordBatch.of(output, rows, batch.offsetAfter()), rejected);
    }

    /**
     * Casts in place, keeping each value it replaces in {@code before}; answers the index of the first value that
     * does not fit when rows are rejected (its error in {@link #failedWith}), or -1.
     */
    private int castRow(Object[] row, Object[] before) {
        for (int i = 0; i < positions.length; i++) {
            Object value = row[positions[i]];
            before[i] = value;
            if (value == null || value == RecordBatch.ABSENT) {
                continue;
            }
            try {
                row[positions[i]] = conversions[i].convert(value);
            } catch (RuntimeException e) {
                if (!toNull) {
                    failedWith = e;
                    return i;
                }
                row[positions[i]] = null;
            }
        }
        return -1;
    }

    private String reason(int i, Object value, RuntimeException e) {
        String text = value instanceof byte[] ? "bytes" : String.valueOf(value);
        if (text.length() > SHOWN) {
            text = text.substring(0, SHOWN) + "...";
        }
        String detail = e.getClass() == IllegalArgumentException.class && e.getMessage() != null
                && !e.getMessage().isEmpty() ? " (" + e.getMessage() + ")" : "";
        var field = output.field(positions[i]);
        return field.name() + ": '" + text + "' is not a " + field.type() + detail;
    }
}
