package io.arus.transform.filter;

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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FilterTransformTest {
    private static final Schema INPUT = Schema.of(Field.of("id", LogicalType.INT64, false),
            Field.of("qty", LogicalType.INT32, true), Field.of("email", LogicalType.STRING, true));
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
            return "r1";
        }

        @Override
        public boolean isStopped() {
            return false;
        }

        @Override
        public void log(System.Logger.Level level, String message) {
        }
    };

    private final FilterTransform transform = new FilterTransform();

    private TransformStep open(String expression) throws ConfigException {
        Config config = FilterTransform.SPEC.resolve(Map.of("expression", expression));
        return transform.open(config, INPUT, CONTEXT);
    }

    @Test
    void keepsTrueRowsAndCountsFalseAndNullAsFiltered() throws Exception {
        TransformStep step = open("is_null(qty) ? null : qty > 1 && re:matches(email, '@')");
        List<Object[]> rows = List.of(new Object[] {1L, 5, "a@x"}, new Object[] {2L, 0, "b@x"},
                new Object[] {3L, null, "c@x"}, new Object[] {4L, 9, "nope"});
        RecordBatch batch = RecordBatch.of(INPUT, rows, null);
        TransformResult result = step.apply(batch);
        assertThat(result.batch().rows()).extracting(row -> row[0]).containsExactly(1L);
        assertThat(result.filtered()).isEqualTo(3);
        assertThat(result.rejected()).isEmpty();
        assertThat(step.outputSchema()).isEqualTo(INPUT);
        assertThat(step.lineage(INPUT)).containsEntry("qty", List.of("qty"));
    }

    @Test
    void rejectsARowWhoseEvaluationFails() throws Exception {
        TransformStep step = open("qty * 2 > 4");
        TransformResult result = step.apply(RecordBatch.of(INPUT, List.<Object[]>of(new Object[] {1L, 3, null},
                new Object[] {2L, null, null}), null));
        assertThat(result.batch().rows()).hasSize(1);
        assertThat(result.rejected()).singleElement().satisfies(reject -> {
            assertThat(reject.values()[0]).isEqualTo(2L);
            assertThat(reject.reason()).startsWith("filter: at 1:").contains("null");
        });
        assertThat(result.filtered()).isZero();
    }

    @Test
    void rejectsARowWhereTheExpressionIsNotACondition() throws Exception {
        TransformResult result = open("email").apply(RecordBatch.of(INPUT, List.<Object[]>of(new Object[] {1L, 1, "a"}), null));
        assertThat(result.rejected()).singleElement()
                .satisfies(reject -> assertThat(reject.reason()).contains("not true or false"));
    }

    @Test
    void checkRefusesABadExpressionWithItsPosition() {
        assertThatThrownBy(() -> transform.check(FilterTransform.SPEC.resolve(Map.of("expression",
                "qty > 1 &&\n x.getClass()")))).isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.violations().get(0).field()).isEqualTo("expression");
                    assertThat(e.violations().get(0).message()).startsWith("at 2:");
                });
        assertThatThrownBy(() -> open("missing > 1")).isInstanceOfSatisfying(ConfigException.class,
                e -> assertThat(e.violations().get(0).message()).contains("unknown column 'missing'"));
        assertThatThrownBy(() -> FilterTransform.SPEC.resolve(Map.of())).isInstanceOf(ConfigException.class);
    }

    @Test
    void describesItself() {
        assertThat(transform.descriptor().type()).isEqualTo("filter");
    }
}
