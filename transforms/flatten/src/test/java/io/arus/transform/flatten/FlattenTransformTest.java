package io.arus.transform.flatten;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arus.api.config.Config;
import io.arus.api.config.ConfigException;
import io.arus.api.record.Offset;
import io.arus.api.record.RecordBatch;
import io.arus.api.transform.TransformContext;
import io.arus.api.transform.TransformResult;
import io.arus.api.transform.TransformStep;
import io.arus.api.type.Field;
import io.arus.api.type.LogicalType;
import io.arus.api.type.Schema;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlattenTransformTest {
    private static final Schema INPUT = Schema.of(Field.of("id", LogicalType.INT64, false),
            Field.of("doc", LogicalType.JSON, true), Field.of("n", LogicalType.INT32, true));
    private static final String DOC = "{\"address\":{\"city\":\"Oslo\",\"zip\":\"0150\"},\"items\":[{\"sku\":\"A-1\","
            + "\"qty\":2},{\"sku\":\"B-2\"}],\"total\":\"12.345\",\"paid\":true,\"since\":\"2024-02-29\","
            + "\"score\":1.50,\"tags\":[\"x\",\"y\"],\"none\":null}";
    private static final TransformContext CONTEXT = new TransformContext() {
        @Override
        public String pipelineId() {
            return "p1";
        }

        @Override
        public String stream() {
            return "public.orders";
        }

        @Override
        public String runId() {
            return null;
        }

        @Override
        public boolean isStopped() {
            return false;
        }

        @Override
        public void log(System.Logger.Level level, String message) {
        }
    };

    private final FlattenTransform transform = new FlattenTransform();

    private static Config config(Map<String, String> fields, Object... pairs) throws ConfigException {
        Map<String, Object> values = new HashMap<>();
        values.put("column", "doc");
        values.put("fields", fields);
        for (int i = 0; i < pairs.length; i += 2) {
            values.put((String) pairs[i], pairs[i + 1]);
        }
        return FlattenTransform.SPEC.resolve(values);
    }

    private static Map<String, String> fields(String... pairs) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            fields.put(pairs[i], pairs[i + 1]);
        }
        return fields;
    }

    private static RecordBatch batch(Object... docs) {
        Object[][] rows = new Object[docs.length][];
        for (int i = 0; i < docs.length; i++) {
            rows[i] = new Object[] {(long) i, docs[i], 1};
        }
        return RecordBatch.of(INPUT, List.of(rows), Offset.of(Map.of("id", 4L)));
    }

    @Test
    void readsPathsIntoTypedColumns() throws Exception {
        TransformStep step = transform.open(config(fields("city", "$.address.city", "zip", "address.zip",
                "sku", "items[0].sku", "qty", "$.items[0].qty:int32", "second_qty", "items[1].qty:int64",
                "total", "total:decimal(12,2)", "paid", "paid:boolean", "since", "since:date",
                "score", "score", "tags", "tags:json", "tags_text", "tags", "none", "none:int64",
                "missing", "$.nothing.here")), INPUT, CONTEXT);
        assertThat(step.outputSchema().field(6)).isEqualTo(Field.of("qty", LogicalType.INT32, true));
        assertThat(step.outputSchema().field(8).type()).isEqualTo(LogicalType.decimal(12, 2));
        TransformResult result = step.apply(batch(DOC));
        assertThat(result.rejected()).isEmpty();
        assertThat(result.batch().rows().get(0)).containsExactly(0L, DOC, 1, "Oslo", "0150", "A-1", 2, null,
                new BigDecimal("12.35"), true, LocalDate.of(2024, 2, 29), "1.50", "[\"x\",\"y\"]",
                "[\"x\",\"y\"]", null, null);
        assertThat(result.batch().offsetAfter()).isEqualTo(Offset.of(Map.of("id", 4L)));
        assertThat(step.lineage(INPUT)).containsEntry("city", List.of("doc")).containsEntry("doc", List.of("doc"))
                .containsEntry("id", List.of("id"));
    }

    @Test
    void aStringColumnHoldingJsonWorksToo() throws Exception {
        Schema input = Schema.of(Field.of("doc", LogicalType.STRING, true));
        TransformStep step = transform.open(config(fields("a", "a:int64")), input, CONTEXT);
        assertThat(step.apply(RecordBatch.of(input, List.<Object[]>of(new Object[] {"{\"a\": 7}"}), null)).batch()
                .rows().get(0)).containsExactly("{\"a\": 7}", 7L);
    }

    @Test
    void dropSourceRemovesTheJsonColumn() throws Exception {
        TransformStep step = transform.open(config(fields("doc", "address.city"), "drop_source", true), INPUT,
                CONTEXT);
        assertThat(step.outputSchema().names()).containsExactly("id", "n", "doc");
        assertThat(step.apply(batch(DOC)).batch().rows().get(0)).containsExactly(0L, 1, "Oslo");
        assertThat(step.lineage(INPUT)).containsOnlyKeys("id", "n", "doc").containsEntry("doc", List.of("doc"));
    }

    @Test
    void byDefaultABadValueRejectsTheRowWithTheReason() throws Exception {
        TransformStep step = transform.open(config(fields("city", "address.city", "qty", "items[0].sku:int32")),
                INPUT, CONTEXT);
        TransformResult result = step.apply(batch("{not json", DOC, "{\"address\":{\"city\":\"Rome\"}}"));
        assertThat(result.batch().rows()).hasSize(1);
        assertThat(result.batch().rows().get(0)).containsExactly(2L, "{\"address\":{\"city\":\"Rome\"}}", 1, "Rome",
                null);
        assertThat(result.rejected()).hasSize(2);
        assertThat(result.rejected().get(0).reason()).startsWith("flatten doc: not JSON");
        assertThat(result.rejected().get(0).values()[0]).isEqualTo(0L);
        assertThat(result.rejected().get(1).reason()).contains("qty").contains("items[0].sku").contains("int32");
    }

    @Test
    void onErrorNullSetsTheBadValuesToNull() throws Exception {
        TransformStep step = transform.open(config(fields("city", "address.city", "qty", "items[0].sku:int32",
                "obj", "address:int64"), "on_error", "null"), INPUT, CONTEXT);
        TransformResult result = step.apply(batch("{not json", DOC, "[1,2] trailing"));
        assertThat(result.rejected()).isEmpty();
        assertThat(result.batch().rows().get(0)).containsExactly(0L, "{not json", 1, null, null, null);
        assertThat(result.batch().rows().get(1)).containsExactly(1L, DOC, 1, "Oslo", null, null);
        assertThat(result.batch().rows().get(2)).containsExactly(2L, "[1,2] trailing", 1, null, null, null);
    }

    @Test
    void nullAndAbsentGoToEveryNewColumn() throws Exception {
        TransformStep step = transform.open(config(fields("a", "a", "b", "b:int32")), INPUT, CONTEXT);
        TransformResult result = step.apply(batch(null, RecordBatch.ABSENT, "null"));
        assertThat(result.batch().rows().get(0)).containsExactly(0L, null, 1, null, null);
        assertThat(result.batch().rows().get(1)).containsExactly(1L, RecordBatch.ABSENT, 1, RecordBatch.ABSENT,
                RecordBatch.ABSENT);
        assertThat(result.batch().rows().get(2)).containsExactly(2L, "null", 1, null, null);
    }

    @Test
    void badConfigsNameTheirField() {
        assertField(() -> transform.check(config(fields("a", "a..b"))), "fields.a");
        assertField(() -> transform.check(config(fields("a", "items[x]"))), "fields.a");
        assertField(() -> transform.check(config(fields("a", "$"))), "fields.a");
        assertField(() -> transform.check(config(fields("a", "a:nosuchtype"))), "fields.a");
        assertField(() -> transform.check(config(fields("a", "a:bytes"))), "fields.a");
        assertField(() -> transform.check(Config.of(FlattenTransform.SPEC, Map.of("column", "doc"))), "fields");
        assertThatThrownBy(() -> config(fields("a", "a"), "on_error", "skip")).isInstanceOf(ConfigException.class);
    }

    @Test
    void openRefusesAnUnknownOrNonJsonColumnAndATakenName() {
        assertField(() -> transform.open(config(fields("a", "a"), "column", "nope"), INPUT, CONTEXT), "column");
        assertField(() -> transform.open(config(fields("a", "a"), "column", "n"), INPUT, CONTEXT), "column");
        assertField(() -> transform.open(config(fields("id", "a")), INPUT, CONTEXT), "fields.id");
        assertField(() -> transform.open(config(fields("doc", "a")), INPUT, CONTEXT), "fields.doc");
    }

    private static void assertField(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String field) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.violations())
                .anyMatch(v -> v.field().equals(field)));
    }
}
