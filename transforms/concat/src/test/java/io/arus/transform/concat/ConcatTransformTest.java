package io.arus.transform.concat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arus.api.config.ConfigException;
import io.arus.api.record.Offset;
import io.arus.api.record.RecordBatch;
import io.arus.api.transform.TransformResult;
import io.arus.api.transform.TransformStep;
import io.arus.api.type.Field;
import io.arus.api.type.LogicalType;
import io.arus.api.type.Schema;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConcatTransformTest {
    private static final Schema INPUT = Schema.of(Field.of("id", LogicalType.INT64, false),
            Field.of("first", LogicalType.STRING, true), Field.of("last", LogicalType.STRING, true),
            Field.of("qty", LogicalType.INT32, true));

    private final ConcatTransform transform = new ConcatTransform();

    private TransformStep open(Map<String, Object> config) throws ConfigException {
        return transform.open(ConcatTransform.SPEC.resolve(config), INPUT, null);
    }

    @Test
    void addsANewColumnSkippingNullsAndAbsentByDefault() throws Exception {
        TransformStep step = open(Map.of("columns", List.of("first", "last", "qty"), "separator", " ",
                "into", "full"));
        Offset offset = Offset.of(Map.of("id", 2));
        TransformResult result = step.apply(RecordBatch.of(INPUT, List.of(new Object[] {1L, "Ada", "Lovelace", 3},
                new Object[] {2L, null, RecordBatch.ABSENT, 7}), offset));
        assertThat(result.batch().schema().names()).containsExactly("id", "first", "last", "qty", "full");
        assertThat(result.batch().schema().field(4).type()).isEqualTo(LogicalType.STRING);
        assertThat(result.batch().rows()).containsExactly(new Object[] {1L, "Ada", "Lovelace", 3, "Ada Lovelace 3"},
                new Object[] {2L, null, RecordBatch.ABSENT, 7, "7"});
        assertThat(result.batch().offsetAfter()).isEqualTo(offset);
        assertThat(step.lineage(INPUT)).containsEntry("full", List.of("first", "last", "qty"))
                .containsEntry("first", List.of("first"));
    }

    @Test
    void withoutSkipNullsAnyNullPartMakesNull() throws Exception {
        TransformStep step = open(Map.of("columns", List.of("first", "last"), "into", "full", "skip_nulls", false));
        TransformResult result = step.apply(RecordBatch.of(INPUT, List.of(new Object[] {1L, "A", null, 1},
                new Object[] {2L, "A", RecordBatch.ABSENT, 1}, new Object[] {3L, "A", "B", 1}), null));
        assertThat(result.batch().rows()).extracting(row -> row[4]).containsExactly(null, null, "AB");
    }

    @Test
    void intoAnExistingColumnReplacesItInPlaceAndDropSourcesRemovesTheRest() throws Exception {
        TransformStep step = open(Map.of("columns", List.of("first", "last"), "separator", ", ", "into", "first",
                "drop_sources", true));
        assertThat(step.outputSchema().names()).containsExactly("id", "first", "qty");
        TransformResult result = step.apply(RecordBatch.of(INPUT, List.<Object[]>of(new Object[] {1L, "A", "B", 2}),
                null));
        assertThat(result.batch().rows().get(0)).containsExactly(1L, "A, B", 2);
        assertThat(step.lineage(INPUT)).containsExactly(Map.entry("id", List.of("id")),
                Map.entry("first", List.of("first", "last")), Map.entry("qty", List.of("qty")));
    }

    @Test
    void intoAnExistingNonSourceColumnMakesItAString() throws Exception {
        TransformStep step = open(Map.of("columns", List.of("first"), "into", "qty"));
        assertThat(step.outputSchema().field(3)).isEqualTo(Field.of("qty", LogicalType.STRING, true));
        assertThat(step.apply(RecordBatch.of(INPUT, List.<Object[]>of(new Object[] {1L, "A", "B", 2}), null))
                .batch().rows().get(0)).containsExactly(1L, "A", "B", "A");
    }

    @Test
    void refusesAnUnknownColumnAndMissingFields() {
        assertThatThrownBy(() -> open(Map.of("columns", List.of("first", "nope"), "into", "x")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("columns[1]: no column 'nope'");
        assertThatThrownBy(() -> open(Map.of("columns", List.of("first")))).hasMessageContaining("into: is required");
        assertThatThrownBy(() -> open(Map.of("columns", List.of(), "into", "x")))
                .hasMessageContaining("columns: list at least one column");
    }
}
