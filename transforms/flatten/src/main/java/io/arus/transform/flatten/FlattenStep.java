package io.arus.transform.flatten;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.arus.api.record.RecordBatch;
import io.arus.api.transform.RejectedRow;
import io.arus.api.transform.TransformResult;
import io.arus.api.transform.TransformStep;
import io.arus.api.type.Field;
import io.arus.api.type.LogicalType;
import io.arus.api.type.Schema;
import io.arus.transform.expression.ExpressionException;
import io.arus.transform.expression.ValueConversion;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One flatten step: parses the JSON column once per row and appends one value per target. */
final class FlattenStep implements TransformStep {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true)).build();

    /**
     * A new column and where its value is.
     *
     * @param field the new column (nullable)
     * @param path  the path in the JSON value
     */
    record Target(Field field, JsonPath path) {
    }

    private final Schema output;
    private final int source;
    private final List<Target> targets;
    private final boolean dropSource;
    private final boolean nullOnError;

    FlattenStep(Schema input, int source, List<Target> targets, boolean dropSource, boolean nullOnError) {
        List<Field> fields = new ArrayList<>(input.fields());
        if (dropSource) {
            fields.remove(source);
        }
        targets.forEach(t -> fields.add(t.field()));
        this.output = Schema.of(fields);
        this.source = source;
        this.targets = List.copyOf(targets);
        this.dropSource = dropSource;
        this.nullOnError = nullOnError;
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
        int kept = width - targets.size();
        String column = batch.schema().field(source).name();
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
                rows.add(out);
                continue;
            }
            JsonNode root;
            try {
                root = JSON.readTree((String) value);
            } catch (JsonProcessingException e) {
                if (!nullOnError) {
                    rejected.add(new RejectedRow(row, "flatten " + column + ": not JSON ("
                            + e.getOriginalMessage() + ")"));
                    continue;
                }
                root = null;
            }
            if (root != null && !fill(root, out, kept, row, rejected, column)) {
                continue;
            }
            rows.add(out);
        }
        return new TransformResult(RecordBatch.of(output, rows, batch.offsetAfter()), rejected);
    }

    private boolean fill(JsonNode root, Object[] out, int kept, Object[] row, List<RejectedRow> rejected,
            String column) {
        for (int i = 0; i < targets.size(); i++) {
            Target target = targets.get(i);
            try {
                out[kept + i] = convert(target.path().find(root), target.field().type());
            } catch (ExpressionException e) {
                if (!nullOnError) {
                    rejected.add(new RejectedRow(row, "flatten " + column + " -> " + target.field().name() + " ("
                            + target.path() + "): " + e.getMessage()));
                    return false;
                }
            }
        }
        return true;
    }

    /** A JSON value as the type: JSON null or no value is NULL; objects and arrays only become json or string. */
    private static Object convert(JsonNode node, LogicalType type) throws ExpressionException {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (type.kind() == LogicalType.Kind.JSON) {
            return node.toString();
        }
        if (node.isContainerNode()) {
            if (type.kind() == LogicalType.Kind.STRING) {
                return node.toString();
            }
            throw new ExpressionException("a JSON " + (node.isArray() ? "array" : "object") + " is not a " + type);
        }
        Object scalar = node.isTextual() ? node.textValue() : node.isBoolean() ? node.booleanValue()
                : node.numberValue();
        return ValueConversion.to(type, scalar);
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
        targets.forEach(t -> lineage.put(t.field().name(), List.of(column)));
        return lineage;
    }
}
