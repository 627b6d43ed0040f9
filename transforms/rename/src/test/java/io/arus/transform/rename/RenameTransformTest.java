package io.arus.transform.rename;

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

class RenameTransformTest {
    private static final Schema INPUT = Schema.of(Field.of("id", LogicalType.INT64, false),
            Field.of("nm", LogicalType.STRING, true), Field.of("qty", LogicalType.INT32, true));

    private final RenameTransform transform = new RenameTransform();

    private TransformStep open(Map<String, Object> columns) throws ConfigException {
        return transform.open(RenameTransform.SPEC.resolve(Map.of("columns", columns)), INPUT, null);
    }

    @Test
    void renamesKeepingValuesOrderAbsentAndOffset() throws Exception {
        TransformStep step = open(Map.of("nm", "name"));
        Offset offset = Offset.of(Map.of("id", 2));
        Object[] row = {1L, RecordBatch.ABSENT, null};
        TransformResult result = step.apply(RecordBatch.of(INPUT, List.<Object[]>of(row), offset));
        assertThat(result.batch().schema().names()).containsExactly("id", "name", "qty");
        assertThat(result.batch().schema().field(1).type()).isEqualTo(LogicalType.STRING);
        assertThat(result.batch().rows().get(0)).containsExactly(1L, RecordBatch.ABSENT, null);
        assertThat(result.batch().offsetAfter()).isEqualTo(offset);
        assertThat(step.lineage(INPUT)).containsExactly(Map.entry("id", List.of("id")),
                Map.entry("name", List.of("nm")), Map.entry("qty", List.of("qty")));
    }

    @Test
    void swapsTwoNames() throws Exception {
        TransformStep step = open(Map.of("nm", "qty", "qty", "nm"));
        assertThat(step.outputSchema().names()).containsExactly("id", "qty", "nm");
        assertThat(step.lineage(INPUT).get("qty")).containsExactly("nm");
    }

    @Test
    void refusesAnUnknownColumnByName() {
        assertThatThrownBy(() -> open(Map.of("missing", "x"))).isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).violations().get(0).field())
                        .isEqualTo("columns.missing"));
    }

    @Test
    void refusesAClashWithAnExistingOrAnotherNewName() {
        assertThatThrownBy(() -> open(Map.of("nm", "id"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("two columns would be named 'id'");
        assertThatThrownBy(() -> transform.check(RenameTransform.SPEC.resolve(
                Map.of("columns", Map.of("nm", "x", "qty", "x"))))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("two columns would be named 'x'");
    }

    @Test
    void refusesAnEmptyNewNameAndAMissingMap() {
        assertThatThrownBy(() -> transform.check(RenameTransform.SPEC.resolve(Map.of("columns", Map.of("nm", " ")))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("columns.nm: the new name is empty");
        assertThatThrownBy(() -> RenameTransform.SPEC.resolve(Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("columns: is required");
    }
}
