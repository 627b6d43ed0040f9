package io.arus.transform.drop;

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

class DropTransformTest {
    private static final Schema INPUT = Schema.of(Field.of("id", LogicalType.INT64, false),
            Field.of("secret", LogicalType.STRING, true), Field.of("qty", LogicalType.INT32, true));

    private final DropTransform transform = new DropTransform();

    private TransformStep open(List<String> columns) throws ConfigException {
        return transform.open(DropTransform.SPEC.resolve(Map.of("columns", columns)), INPUT, null);
    }

    @Test
    void removesTheListedColumnsKeepingTheRestInOrder() throws Exception {
        TransformStep step = open(List.of("secret"));
        Offset offset = Offset.of(Map.of("id", 2));
        TransformResult result = step.apply(RecordBatch.of(INPUT,
                List.of(new Object[] {1L, "x", RecordBatch.ABSENT}, new Object[] {2L, "y", null}), offset));
        assertThat(result.batch().schema().names()).containsExactly("id", "qty");
        assertThat(result.batch().rows()).containsExactly(new Object[] {1L, RecordBatch.ABSENT},
                new Object[] {2L, null});
        assertThat(result.batch().offsetAfter()).isEqualTo(offset);
        assertThat(step.lineage(INPUT)).containsOnlyKeys("id", "qty");
    }

    @Test
    void refusesAnUnknownColumnAnEmptyListAndDroppingEverything() {
        assertThatThrownBy(() -> open(List.of("nope"))).isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).violations().get(0).field())
                        .isEqualTo("columns[0]"));
        assertThatThrownBy(() -> open(List.of())).hasMessageContaining("columns: list at least one column");
        assertThatThrownBy(() -> open(List.of("id", "secret", "qty")))
                .hasMessageContaining("dropping every column leaves nothing to write");
    }
}
