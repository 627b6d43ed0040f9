package io.arus.core.rest.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.arus.api.config.ConfigViolation;
import io.arus.api.record.RecordBatch;
import io.arus.api.type.Field;
import io.arus.api.type.Schema;
import io.arus.core.engine.TransformPreview;
import io.arus.core.model.TransformSpec;
import io.arus.core.service.TransformService;
import java.math.BigDecimal;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The JSON of the transform endpoints: a step check, a chain preview and a pipeline's lineage. */
final class TransformViews {
    private TransformViews() {
    }

    /** @param config the step configuration to check */
    record CheckBody(Map<String, Object> config) {
    }

    /** @param violations every violation, named by the configuration field; empty when it is fine */
    record CheckView(List<ConfigViolation> violations) {
    }

    /**
     * {@code POST /api/pipelines/preview}.
     *
     * @param sourceId   the source to read
     * @param stream     {@code namespace.table}
     * @param transforms the steps
     * @param limit      rows to read, 1 to 500; 20 by default
     * @param pipelineId a saved pipeline whose stored step secrets fill masked values
     */
    record PreviewBody(@JsonProperty("source_id") String sourceId, @JsonProperty("stream") String stream,
                       @JsonProperty("transforms") List<TransformSpec> transforms, @JsonProperty("limit") Integer limit,
                       @JsonProperty("pipeline_id") String pipelineId) {
        TransformService.PreviewRequest request() {
            return new TransformService.PreviewRequest(sourceId, stream, transforms, limit, pipelineId);
        }
    }

    /** @param name a column @param type its logical type, e.g. {@code decimal(12,2)} @param nullable may it be null */
    record ColumnView(String name, String type, boolean nullable) {
        static List<ColumnView> of(Schema schema) {
            return schema.fields().stream().map(ColumnView::of).toList();
        }

        private static ColumnView of(Field field) {
            return new ColumnView(field.name(), field.type().toString(), field.nullable());
        }
    }

    /** @param columns the schema @param rows the rows, each an array in column order */
    record TableView(List<ColumnView> columns, List<List<Object>> rows) {
    }

    /** @param row a rejected row as it entered the step @param reason the step's reason */
    record RejectView(List<Object> row, String reason) {
    }

    /** One step's output in a preview. */
    record StepView(int index, String type, List<ColumnView> columns, List<List<Object>> rows,
                    List<RejectView> rejected, long filtered, Map<String, List<String>> lineage) {
    }

    /** @param step the step's position @param field the field path @param message what is wrong */
    record ErrorView(int step, String field, String message) {
        static ErrorView of(TransformPreview.StepError error) {
            return error == null ? null : new ErrorView(error.step(), error.field(), error.message());
        }
    }

    /** The answer of {@code POST /api/pipelines/preview}. */
    record PreviewView(String stream, TableView input, List<StepView> steps, ErrorView error) {
        static PreviewView of(TransformService.Preview preview) {
            List<StepView> steps = preview.result().steps().stream().map(s -> new StepView(s.index(), s.type(),
                    ColumnView.of(s.schema()), rows(s.rows()),
                    s.rejected().stream().map(r -> new RejectView(row(r.row()), r.reason())).toList(),
                    s.filtered(), s.lineage())).toList();
            return new PreviewView(preview.stream(), new TableView(ColumnView.of(preview.schema()), rows(preview.rows())),
                    steps, ErrorView.of(preview.result().error()));
        }
    }

    /** @param namespace a namespace @param table a table in it */
    record TableName(String namespace, String table) {
    }

    /** A step of a stream's chain with its lineage. */
    record StepLineageView(int index, String type, Map<String, List<String>> lineage) {
    }

    /** A destination column with its source columns and the steps that touched it. */
    record ColumnLineageView(String destination, List<String> sources, List<Integer> steps) {
    }

    /** One stream's lineage; {@code error} says why its chain could not be opened, else null. */
    record StreamLineageView(String stream, TableName source, TableName destination, List<StepLineageView> steps,
                             List<ColumnLineageView> columns, ErrorView error) {
    }

    /** A model with its inputs (ref() targets). */
    record ModelLineageView(String name, String materialization, TableName target, List<String> inputs) {
    }

    /** The answer of {@code GET /api/pipelines/{id}/lineage}. */
    record LineageView(List<StreamLineageView> streams, List<ModelLineageView> models) {
        static LineageView of(TransformService.Lineage lineage) {
            return new LineageView(lineage.streams().stream().map(s -> new StreamLineageView(s.stream(),
                    new TableName(s.sourceNamespace(), s.sourceTable()),
                    new TableName(s.destinationNamespace(), s.destinationTable()),
                    s.steps().stream().map(t -> new StepLineageView(t.index(), t.type(), t.lineage())).toList(),
                    s.columns().stream().map(c -> new ColumnLineageView(c.destination(), c.sources(), c.steps())).toList(),
                    ErrorView.of(s.error()))).toList(),
                    lineage.models().stream().map(m -> new ModelLineageView(m.name(), m.materialization(),
                            new TableName(m.targetNamespace(), m.name()), m.inputs())).toList());
        }
    }

    private static List<List<Object>> rows(List<Object[]> rows) {
        List<List<Object>> json = new ArrayList<>(rows.size());
        rows.forEach(row -> json.add(row(row)));
        return json;
    }

    private static List<Object> row(Object[] row) {
        return Arrays.stream(row).map(TransformViews::value).toList();
    }

    /**
     * A value as JSON holds it: numbers, text and booleans as they are; a decimal as a number when a double holds it
     * exactly, else as text; date/time and UUID values as ISO-8601/text; bytes as base64; ABSENT as null.
     */
    static Object value(Object value) {
        if (value == null || value == RecordBatch.ABSENT) {
            return null;
        }
        if (value instanceof BigDecimal decimal) {
            double d = decimal.doubleValue();
            return Double.isFinite(d) && new BigDecimal(Double.toString(d)).compareTo(decimal) == 0 ? d : decimal.toPlainString();
        }
        if (value instanceof Number || value instanceof Boolean || value instanceof String) {
            return value;
        }
        if (value instanceof byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        }
        if (value instanceof TemporalAccessor || value instanceof UUID) {
            return value.toString();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(TransformViews::value).toList();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> json = new java.util.LinkedHashMap<>();
            map.forEach((k, v) -> json.put(String.valueOf(k), value(v)));
            return json;
        }
        return value.toString();
    }
}
