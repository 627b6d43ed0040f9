package io.arus.transform.replace;

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

class ReplaceTransformTest {
    private static final Schema INPUT = Schema.of(Field.of("id", LogicalType.INT64, false),
            Field.of("phone", LogicalType.STRING, true), Field.of("note", LogicalType.STRING, true));

    private final ReplaceTransform transform = new ReplaceTransform();

    private TransformStep open(Map<String, Object> config) throws ConfigException {
        return transform.open(ReplaceTransform.SPEC.resolve(config), INPUT, null);
    }

    private static Object[] first(TransformStep step, Object... row) throws Exception {
        return step.apply(RecordBatch.of(INPUT, List.<Object[]>of(row), null)).batch().rows().get(0);
    }

    @Test
    void applyCopiesAndInPlaceWritesIntoTheGivenRow() throws Exception {
        TransformStep step = open(Map.of("columns", List.of("note"), "pattern", "a", "replacement", "b"));
        Object[] row = new Object[] {1L, null, "aa"};
        assertThat(first(step, row)[2]).isEqualTo("bb");
        assertThat(row[2]).isEqualTo("aa");
        assertThat(step.writesInPlace()).isTrue();
        assertThat(step.applyInPlace(RecordBatch.of(INPUT, List.<Object[]>of(row), null)).batch().rows().get(0))
                .isSameAs(row);
        assertThat(row[2]).isEqualTo("bb");
    }

    @Test
    void exactModeIsLiteralAndTheReplacementTooByDefault() throws Exception {
        TransformStep step = open(Map.of("columns", List.of("note"), "pattern", "a.b", "replacement", "$1"));
        Offset offset = Offset.of(Map.of("id", 1));
        TransformResult result = step.apply(RecordBatch.of(INPUT, List.of(new Object[] {1L, "a.b", "a.b axb a.b"},
                new Object[] {2L, RecordBatch.ABSENT, null}, new Object[] {3L, null, RecordBatch.ABSENT}), offset));
        assertThat(result.batch().rows()).containsExactly(new Object[] {1L, "a.b", "$1 axb $1"},
                new Object[] {2L, RecordBatch.ABSENT, null}, new Object[] {3L, null, RecordBatch.ABSENT});
        assertThat(result.batch().offsetAfter()).isEqualTo(offset);
    }

    @Test
    void regexModeWithGroupsOverSeveralColumns() throws Exception {
        TransformStep step = open(Map.of("columns", List.of("phone", "note"), "mode", "regex",
                "pattern", "(\\d{3})-(\\d{4})", "replacement", "$2/$1"));
        assertThat(first(step, 1L, "555-1234", "call 555-9876 now")).containsExactly(1L, "1234/555",
                "call 9876/555 now");
        TransformStep named = open(Map.of("columns", List.of("note"), "mode", "regex",
                "pattern", "(?<user>\\w+)@", "replacement", "${user} at \\$"));
        assertThat(first(named, 1L, null, "ada@x")).containsExactly(1L, null, "ada at $x");
    }

    @Test
    void ignoreCaseInBothModesAndAnEmptyReplacementByDefault() throws Exception {
        TransformStep exact = open(Map.of("columns", List.of("note"), "pattern", "ÄB", "ignore_case", true));
        assertThat(first(exact, 1L, null, "xäbyAbz")).containsExactly(1L, null, "xyAbz");
        TransformStep regex = open(Map.of("columns", List.of("note"), "mode", "regex", "pattern", "b+",
                "replacement", "-", "ignore_case", true));
        assertThat(first(regex, 1L, null, "aBbBc")).containsExactly(1L, null, "a-c");
        TransformStep caseSensitive = open(Map.of("columns", List.of("note"), "pattern", "ab"));
        assertThat(first(caseSensitive, 1L, null, "AB ab")).containsExactly(1L, null, "AB ");
    }

    @Test
    void refusesABadRegexABadGroupAndUnknownOrNonStringColumns() {
        assertThatThrownBy(() -> transform.check(ReplaceTransform.SPEC.resolve(Map.of("columns", List.of("note"),
                "mode", "regex", "pattern", "a(b")))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("pattern: not a valid regular expression at position 3");
        assertThatThrownBy(() -> open(Map.of("columns", List.of("note"), "mode", "regex", "pattern", "a",
                "replacement", "$2"))).hasMessageContaining("replacement: not a valid replacement: $2 but the "
                + "pattern has 0 group(s)");
        assertThatThrownBy(() -> open(Map.of("columns", List.of("note"), "mode", "regex", "pattern", "(a)",
                "replacement", "${b}"))).hasMessageContaining("no group named 'b'");
        assertThatThrownBy(() -> open(Map.of("columns", List.of("note"), "mode", "regex", "pattern", "(a)",
                "replacement", "cost $"))).hasMessageContaining("'$' at the end names no group");
        assertThatThrownBy(() -> open(Map.of("columns", List.of("nope"), "pattern", "a")))
                .hasMessageContaining("columns[0]: no column 'nope'");
        assertThatThrownBy(() -> open(Map.of("columns", List.of("note", "id"), "pattern", "a")))
                .hasMessageContaining("columns[1]: 'id' is int64; replace works on string columns");
        assertThatThrownBy(() -> open(Map.of("columns", List.of("note"), "pattern", "a", "mode", "glob")))
                .hasMessageContaining("mode");
    }
}
