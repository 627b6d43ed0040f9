package io.arus.transform.select;

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

class SelectTransformTest {
    private static final Schema INPUT = Schema.of(Field.of("id", LogicalType.INT64, false),
            Field.of("name", LogicalType.STRING, true), Field.of("qty", LogicalType.INT32, true));

    private final SelectTransform transform = new SelectTransform();

    private TransformStep open(List<String> columns) throws ConfigException {
        return transform.open(SelectTransform.SPEC.resolve(Map.of("columns", columns)), INPUT, null);
    }

    @Test
    void keepsTheListedColumnsInTheGivenOrder() throws Exception {
        TransformStep step = open(List.of("qty", "id"));
        Offset offset = Offset.of(Map.of("id", 2));
        TransformResult result = step.apply(RecordBatch.of(INPUT,
                List.of(new Object[] {1L, "a", RecordBatch.ABSENT}, new Object[] {2L, null, null}), offset));
        assertThat(result.batch().schema().fields()).containsExactly(INPUT.field(2), INPUT.field(0));
        assertThat(result.batch().rows()).containsExactly(new Object[] {RecordBatch.ABSENT, 1L},
                new Object[] {null, 2L});
        assertThat(result.batch().offsetAfter()).isEqualTo(offset);
        assertThat(step.lineage(INPUT)).containsExactly(Map.entry("qty", List.of("qty")),
                Map.entry("id", List.of("id")));
    }

    @Test
    void refusesAnUnknownColumnByPosition() {
        assertThatThrownBy(() -> open(List.of("id", "nope"))).isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).violations().get(0).field())
                        .isEqualTo("columns[1]"));
    }

    @Test
    void refusesAnEmptyListAndDuplicates() {
        assertThatThrownBy(() -> open(List.of())).hasMessageContaining("columns: list at least one column");
        assertThatThrownBy(() -> open(List.of("id", "id"))).hasMessageContaining("'id' is listed twice");
    }
}
