package io.arus.transform.mask;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MaskTransformTest {
    private static final Schema INPUT = Schema.of(Field.of("id", LogicalType.INT64, false),
            Field.of("card", LogicalType.STRING, true), Field.of("email", LogicalType.STRING, true));

    private final MaskTransform transform = new MaskTransform();

    private TransformStep open(Map<String, Object> config) throws ConfigException {
        return transform.open(MaskTransform.SPEC.resolve(config), INPUT, null);
    }

    private static Object[] first(TransformStep step, Object... row) throws Exception {
        return step.apply(RecordBatch.of(INPUT, List.<Object[]>of(row), null)).batch().rows().get(0);
    }

    @Test
    void applyCopiesAndInPlaceWritesIntoTheGivenRow() throws Exception {
        TransformStep step = open(Map.of("columns", List.of("card")));
        Object[] row = new Object[] {1L, "1234", null};
        assertThat(first(step, row)[1]).isEqualTo("****");
        assertThat(row[1]).isEqualTo("1234");
        assertThat(step.writesInPlace()).isTrue();
        assertThat(step.applyInPlace(RecordBatch.of(INPUT, List.<Object[]>of(row), null)).batch().rows().get(0))
                .isSameAs(row);
        assertThat(row[1]).isEqualTo("****");
    }

    @Test
    void masksEverythingByDefaultLeavingOtherColumnsNullAndAbsent() throws Exception {
        TransformStep step = open(Map.of("columns", List.of("card")));
        Offset offset = Offset.of(Map.of("id", 1));
        TransformResult result = step.apply(RecordBatch.of(INPUT, List.of(new Object[] {1L, "1234", RecordBatch.ABSENT},
                new Object[] {2L, null, "a"}, new Object[] {3L, RecordBatch.ABSENT, null}), offset));
        assertThat(result.batch().rows()).containsExactly(new Object[] {1L, "****", RecordBatch.ABSENT},
                new Object[] {2L, null, "a"}, new Object[] {3L, RecordBatch.ABSENT, null});
        assertThat(result.batch().offsetAfter()).isEqualTo(offset);
    }

    @Test
    void keepsFirstAndLastWithAnotherCharacter() throws Exception {
        TransformStep step = open(Map.of("columns", List.of("card", "email"), "keep_first", 2, "keep_last", 4,
                "char", "#"));
        assertThat(first(step, 1L, "4111111111111111", "ab")).containsExactly(1L, "41##########1111", "ab");
        assertThat(first(step, 1L, "abcde", "")).containsExactly(1L, "abcde", "");
        assertThat(first(step, 1L, "a😀bcdefg", null)).containsExactly(1L, "a😀##defg", null);
    }

    @Test
    void keepLastAlone() throws Exception {
        TransformStep step = open(Map.of("columns", List.of("card"), "keep_last", 2));
        assertThat(first(step, 1L, "secret", null)).containsExactly(1L, "****et", null);
    }

    @Test
    void refusesUnknownAndNonStringColumnsAndABadCharacter() {
        assertThatThrownBy(() -> open(Map.of("columns", List.of("nope")))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("columns[0]: no column 'nope'");
        assertThatThrownBy(() -> open(Map.of("columns", List.of("card", "id"))))
                .hasMessageContaining("columns[1]: 'id' is int64; only string columns can be masked");
        Map<String, Object> config = new HashMap<>(Map.of("columns", List.of("card"), "char", "**"));
        assertThatThrownBy(() -> open(config)).hasMessageContaining("char: must be exactly one character");
        assertThatThrownBy(() -> open(Map.of("columns", List.of("card"), "keep_first", -1)))
                .hasMessageContaining("keep_first");
    }
}
