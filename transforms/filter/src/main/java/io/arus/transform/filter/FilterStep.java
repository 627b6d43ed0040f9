package io.arus.transform.filter;

import io.arus.api.record.RecordBatch;
import io.arus.api.transform.RejectedRow;
import io.arus.api.transform.TransformResult;
import io.arus.api.transform.TransformStep;
import io.arus.api.type.Schema;
import io.arus.transform.expression.Expression;
import io.arus.transform.expression.ExpressionException;
import java.util.ArrayList;
import java.util.List;

/** One filter step: passes the rows where the expression is true, counts the others. */
final class FilterStep implements TransformStep {
    private final Schema schema;
    private final Expression expression;

    FilterStep(Schema schema, Expression expression) {
        this.schema = schema;
        this.expression = expression;
    }

    @Override
    public Schema outputSchema() {
        return schema;
    }

    @Override
    public TransformResult apply(RecordBatch batch) {
        List<Object[]> kept = new ArrayList<>(batch.size());
        List<RejectedRow> rejected = new ArrayList<>();
        long filtered = 0;
        for (Object[] row : batch.rows()) {
            Object value;
            try {
                value = expression.evaluate(row);
            } catch (ExpressionException e) {
                rejected.add(new RejectedRow(row, "filter: " + e.getMessage()));
                continue;
            }
            if (value == null || Boolean.FALSE.equals(value)) {
                filtered++;
            } else if (Boolean.TRUE.equals(value)) {
                kept.add(row);
            } else {
                rejected.add(new RejectedRow(row, "filter: the expression gives " + value + ", not true or false"));
            }
        }
        return new TransformResult(batch.withRows(kept), rejected, filtered);
    }
}
