package io.arus.transform.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arus.api.config.Config;
import io.arus.api.config.ConfigException;
import io.arus.api.record.Offset;
import io.arus.api.record.RecordBatch;
import io.arus.api.transform.TransformContext;
import io.arus.api.transform.TransformStep;
import io.arus.api.type.Field;
import io.arus.api.type.LogicalType;
import io.arus.api.type.Schema;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SplitTransformTest {
    private static final Schema INPUT = Schema.of(Field.of("id", LogicalType.INT64, false),
            Field.of("name", LogicalType.STRING, true), Field.of("n", LogicalType.INT32, true));
    private static final TransformContext CONTEXT = new TransformContext() {
        @Override
        public String pipelineId() {
            return "p1";
        }

        @Override
        public String stream() {
            return "public.people";
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

    private final SplitTransform transform = new SplitTransform();

    private static Config config(Object... pairs) throws ConfigException {
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            values.put((String) pairs[i], pairs[i + 1]);
        }
        return SplitTransform.SPEC.resolve(values);
    }

    private List<Object[]> run(TransformStep step, String... names) throws Exception {
        Object[][] rows = new Object[names.length][];
        for (int i = 0; i < names.length; i++) {
            rows[i] = new Object[] {(long) i, names[i], 7};
        }
        return step.apply(RecordBatch.of(INPUT, Arrays.asList(rows), null)).batch().rows();
    }

    @Test
    void splitsAtASeparatorIntoColumnsMissingPartsNullExtraPartsDropped() throws Exception {
        TransformStep step = transform.open(config("column", "name", "separator", ", ", "into",
                List.of("first", "last")), INPUT, CONTEXT);
        assertThat(step.outputSchema().names()).containsExactly("id", "name", "n", "first", "last");
        assertThat(step.outputSchema().field(4)).isEqualTo(Field.of("last", LogicalType.STRING, true));
        List<Object[]> rows = run(step, "Ada, Lovelace, Countess", "Plato", "", "a.b, c");
        assertThat(rows.get(0)).containsExactly(0L, "Ada, Lovelace, Countess", 7, "Ada", "Lovelace");
        assertThat(rows.get(1)).containsExactly(1L, "Plato", 7, "Plato", null);
        assertThat(rows.get(2)).containsExactly(2L, "", 7, "", null);
        assertThat(rows.get(3)).containsExactly(3L, "a.b, c", 7, "a.b", "c");
        assertThat(step.lineage(INPUT)).containsEntry("first", List.of("name")).containsEntry("last", List.of("name"))
                .containsEntry("name", List.of("name"));
    }

    @Test
    void theSeparatorIsLiteralAndEmptyPartsAreKept() throws Exception {
        TransformStep step = transform.open(config("column", "name", "separator", ".", "into",
                List.of("a", "b", "c")), INPUT, CONTEXT);
        assertThat(run(step, "x..y").get(0)).containsExactly(0L, "x..y", 7, "x", "", "y");
        assertThat(run(step, "x.y.").get(0)).containsExactly(0L, "x.y.", 7, "x", "y", "");
    }

    @Test
    void keepRestPutsTheUnsplitRestInTheLastColumn() throws Exception {
        TransformStep step = transform.open(config("column", "name", "separator", ",", "into",
                List.of("head", "tail"), "keep_rest", true), INPUT, CONTEXT);
        assertThat(run(step, "a,b,c,d").get(0)).containsExactly(0L, "a,b,c,d", 7, "a", "b,c,d");
        assertThat(run(step, "a").get(0)).containsExactly(0L, "a", 7, "a", null);
    }

    @Test
    void splitsAtARegularExpression() throws Exception {
        TransformStep step = transform.open(config("column", "name", "pattern", "\\s*[,;]\\s*", "into",
                List.of("a", "b", "c")), INPUT, CONTEXT);
        assertThat(run(step, "x , y;z").get(0)).containsExactly(0L, "x , y;z", 7, "x", "y", "z");
    }

    @Test
    void asArrayMakesOneArrayColumnWithEveryPart() throws Exception {
        TransformStep step = transform.open(config("column", "name", "separator", "|", "into", List.of("tags"),
                "as_array", true), INPUT, CONTEXT);
        assertThat(step.outputSchema().field(3)).isEqualTo(Field.of("tags", LogicalType.array(LogicalType.STRING),
                true));
        assertThat(run(step, "a|b||c").get(0)).containsExactly(0L, "a|b||c", 7, List.of("a", "b", "", "c"));
        assertThat(step.lineage(INPUT)).containsEntry("tags", List.of("name"));
    }

    @Test
    void dropSourceRemovesTheColumnAndMayReuseItsName() throws Exception {
        TransformStep step = transform.open(config("column", "name", "separator", " ", "into",
                List.of("name", "rest"), "drop_source", true, "keep_rest", true), INPUT, CONTEXT);
        assertThat(step.outputSchema().names()).containsExactly("id", "n", "name", "rest");
        assertThat(run(step, "Ada Byron King").get(0)).containsExactly(0L, 7, "Ada", "Byron King");
        assertThat(step.lineage(INPUT)).containsOnlyKeys("id", "n", "name", "rest")
                .containsEntry("name", List.of("name"));
    }

    @Test
    void nullAndAbsentGoToEveryNewColumnAndTheOffsetIsKept() throws Exception {
        TransformStep step = transform.open(config("column", "name", "separator", ",", "into", List.of("a", "b")),
                INPUT, CONTEXT);
        Offset offset = Offset.of(Map.of("id", 9L));
        var result = step.apply(RecordBatch.of(INPUT, List.of(new Object[] {1L, null, 1},
                new Object[] {2L, RecordBatch.ABSENT, 2}), offset));
        assertThat(result.batch().rows().get(0)).containsExactly(1L, null, 1, null, null);
        assertThat(result.batch().rows().get(1)).containsExactly(2L, RecordBatch.ABSENT, 2, RecordBatch.ABSENT,
                RecordBatch.ABSENT);
        assertThat(result.batch().offsetAfter()).isEqualTo(offset);
        assertThat(result.rejected()).isEmpty();
    }

    @Test
    void badConfigsNameTheirField() {
        assertField(() -> transform.check(config("column", "name", "into", List.of("a"))), "separator");
        assertField(() -> transform.check(config("column", "name", "separator", ",", "pattern", ",", "into",
                List.of("a"))), "pattern");
        assertField(() -> transform.check(config("column", "name", "pattern", "(", "into", List.of("a"))), "pattern");
        assertField(() -> transform.check(config("column", "name", "pattern", "x*", "into", List.of("a"))), "pattern");
        assertField(() -> transform.check(config("column", "name", "separator", ",", "into", List.of("a", "a"))),
                "into");
        assertField(() -> transform.check(config("column", "name", "separator", ",", "into", List.of("a", "b"),
                "as_array", true)), "into");
        assertField(() -> transform.check(config("column", "name", "separator", ",", "into", List.of("a"),
                "as_array", true, "keep_rest", true)), "keep_rest");
    }

    @Test
    void openRefusesAnUnknownOrNonStringColumnAndATakenName() {
        assertField(() -> transform.open(config("column", "nope", "separator", ",", "into", List.of("a")), INPUT,
                CONTEXT), "column");
        assertField(() -> transform.open(config("column", "n", "separator", ",", "into", List.of("a")), INPUT,
                CONTEXT), "column");
        assertField(() -> transform.open(config("column", "name", "separator", ",", "into", List.of("id")), INPUT,
                CONTEXT), "into");
        assertField(() -> transform.open(config("column", "name", "separator", ",", "into", List.of("name")), INPUT,
                CONTEXT), "into");
    }

    private static void assertField(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String field) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.violations())
                .anyMatch(v -> v.field().equals(field)));
    }
}
