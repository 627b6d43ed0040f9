package io.arus.transform.addcolumn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arus.api.config.Config;
import io.arus.api.config.ConfigException;
import io.arus.api.record.RecordBatch;
import io.arus.api.transform.TransformContext;
import io.arus.api.transform.TransformResult;
import io.arus.api.transform.TransformStep;
import io.arus.api.type.Field;
import io.arus.api.type.LogicalType;
import io.arus.api.type.Schema;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AddColumnTransformTest {
    private static final Schema INPUT = Schema.of(Field.of("id", LogicalType.INT64, false),
            Field.of("name", LogicalType.STRING, true), Field.of("price", LogicalType.decimal(12, 2), true));
    private static final TransformContext CONTEXT = new TransformContext() {
        @Override
        public String pipelineId() {
            return "p1";
        }

        @Override
        public String stream() {
            return "public.items";
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

    private final AddColumnTransform transform = new AddColumnTransform();

    private static Config config(Map<String, ?> values) throws ConfigException {
        return AddColumnTransform.SPEC.resolve(values);
    }

    private static RecordBatch batch(Object[]... rows) {
        return RecordBatch.of(INPUT, new ArrayList<>(List.of(rows)), null);
    }

    @Test
    void addsAnExpressionConvertedToItsType() throws Exception {
        TransformStep step = transform.open(config(Map.of("name", "gross", "expression", "price * 1.2",
                "type", "decimal(12,2)")), INPUT, CONTEXT);
        assertThat(step.outputSchema().fields()).last()
                .isEqualTo(Field.of("gross", LogicalType.decimal(12, 2), true));
        TransformResult result = step.apply(batch(new Object[] {1L, "a", new BigDecimal("10.05")}));
        assertThat(result.batch().rows().get(0)).containsExactly(1L, "a", new BigDecimal("10.05"),
                new BigDecimal("12.06"));
        assertThat(result.rejected()).isEmpty();
        assertThat(step.lineage(INPUT)).containsEntry("gross", List.of("price")).containsEntry("id", List.of("id"));
    }

    @Test
    void typeDefaultsToString() throws Exception {
        TransformStep step = transform.open(config(Map.of("name", "label", "expression",
                "str:upper(name) + '#' + id")), INPUT, CONTEXT);
        assertThat(step.outputSchema().field(3).type()).isEqualTo(LogicalType.STRING);
        assertThat(step.apply(batch(new Object[] {7L, "ab", null})).batch().rows().get(0)[3]).isEqualTo("AB#7");
        assertThat(step.lineage(INPUT).get("label")).containsExactly("name", "id");
    }

    @Test
    void addsAConstantOfTheDeclaredType() throws Exception {
        TransformStep step = transform.open(config(Map.of("name", "loaded_on", "value", "2026-01-02",
                "type", "date")), INPUT, CONTEXT);
        RecordBatch out = step.apply(batch(new Object[] {1L, "a", null}, new Object[] {2L, "b", null})).batch();
        assertThat(out.rows()).extracting(row -> row[3]).containsExactly(LocalDate.of(2026, 1, 2),
                LocalDate.of(2026, 1, 2));
        assertThat(step.lineage(INPUT).get("loaded_on")).isEmpty();
    }

    @Test
    void rejectsARowWhoseExpressionFails() throws Exception {
        TransformStep step = transform.open(config(Map.of("name", "n", "expression", "str:length(name) * 2",
                "type", "int16")), INPUT, CONTEXT);
        TransformResult result = step.apply(batch(new Object[] {1L, "abc", null}, new Object[] {2L, null, null},
                new Object[] {3L, "x".repeat(20_000), null}));
        assertThat(result.batch().rows()).hasSize(1);
        assertThat(result.batch().rows().get(0)[3]).isEqualTo((short) 6);
        assertThat(result.rejected()).hasSize(2);
        assertThat(result.rejected().get(0).reason()).startsWith("add_column n: ").contains("null");
        assertThat(result.rejected().get(1).reason()).contains("is not a int16");
        assertThat(result.rejected().get(1).values()[0]).isEqualTo(3L);
    }

    @Test
    void checkRefusesABadExpressionWithItsPosition() {
        assertThatThrownBy(() -> transform.check(config(Map.of("name", "x", "expression", "str:upper(name) +"))))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.violations()).hasSize(1);
                    assertThat(e.violations().get(0).field()).isEqualTo("expression");
                    assertThat(e.violations().get(0).message()).startsWith("at 1:");
                });
    }

    @Test
    void needsExactlyOneOfValueAndExpression() {
        assertThatThrownBy(() -> transform.check(config(Map.of("name", "x"))))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.violations().get(0).field())
                        .isEqualTo("expression"));
        assertThatThrownBy(() -> transform.check(config(Map.of("name", "x", "value", "1", "expression", "1"))))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.violations().get(0).message())
                        .contains("not both"));
    }

    @Test
    void refusesABadTypeOrConstant() {
        assertThatThrownBy(() -> transform.check(config(Map.of("name", "x", "value", "1", "type", "money"))))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.violations().get(0).field())
                        .isEqualTo("type"));
        assertThatThrownBy(() -> transform.check(config(Map.of("name", "x", "value", "abc", "type", "int32"))))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.violations().get(0).field())
                        .isEqualTo("value"));
        assertThatThrownBy(() -> transform.check(config(Map.of("name", "x", "value", "abc", "type", "bytes"))))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.violations().get(0).field())
                        .isEqualTo("type"));
    }

    @Test
    void openRefusesAnUnknownColumnOrATakenName() {
        assertThatThrownBy(() -> transform.open(config(Map.of("name", "x", "expression", "nope + 1")), INPUT, CONTEXT))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.violations().get(0).message())
                        .contains("unknown column 'nope'"));
        assertThatThrownBy(() -> transform.open(config(Map.of("name", "id", "value", "1")), INPUT, CONTEXT))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.violations().get(0).field())
                        .isEqualTo("name"));
    }

    @Test
    void describesItself() {
        assertThat(transform.descriptor().type()).isEqualTo("add_column");
        assertThat(transform.descriptor().config()).isSameAs(AddColumnTransform.SPEC);
    }
}
