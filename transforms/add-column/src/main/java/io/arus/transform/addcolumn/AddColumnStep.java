package io.arus.transform.addcolumn;

import io.arus.api.record.RecordBatch;
import io.arus.api.transform.RejectedRow;
import io.arus.api.transform.TransformResult;
import io.arus.api.transform.TransformStep;
import io.arus.api.type.Field;
import io.arus.api.type.Schema;
import io.arus.transform.expression.Expression;
import io.arus.transform.expression.ExpressionException;
import io.arus.transform.expression.ValueConversion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One add_column step: copies each row with one more value at the end. */
final class AddColumnStep implements TransformStep {
    private final Schema output;
    private final Field column;
    private final Expression expression;
    private final Object constant;

    /**
     * @param input      the input schema
     * @param column     the new column
     * @param expression the compiled expression, or null for a constant
     * @param constant   the constant, already of the column's type (used when there is no expression)
     */
    AddColumnStep(Schema input, Field column, Expression expression, Object constant) {
        this.output = input.with(column);
        this.column = column;
        this.expression = expression;
        this.constant = constant;
    }

    @Override
    public Schema outputSchema() {
        return output;
    }

    @Override
    public TransformResult apply(RecordBatch batch) {
        List<Object[]> rows = new ArrayList<>(batch.size());
        List<RejectedRow> rejected = new ArrayList<>();
        int width = output.size();
        for (Object[] row : batch.rows()) {
            Object value;
            try {
                value = expression == null ? constant : ValueConversion.to(column.type(), expression.evaluate(row));
            } catch (ExpressionException e) {
                rejected.add(new RejectedRow(row, "add_column " + column.name() + ": " + e.getMessage()));
                continue;
            }
            Object[] out = new Object[width];
            System.arraycopy(row, 0, out, 0, width - 1);
            out[width - 1] = value;
            rows.add(out);
        }
        return new TransformResult(RecordBatch.of(output, rows, batch.offsetAfter()), rejected);
    }

    @Override
    public Map<String, List<String>> lineage(Schema input) {
        Map<String, List<String>> lineage = new LinkedHashMap<>();
        for (String name : input.names()) {
            lineage.put(name, List.of(name));
        }
        lineage.put(column.name(), expression == null ? List.of() : expression.columns());
        return lineage;
    }
}
