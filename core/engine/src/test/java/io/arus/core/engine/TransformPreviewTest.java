package io.arus.core.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.arus.api.type.Field;
import io.arus.api.type.LogicalType;
import io.arus.api.type.Schema;
import io.arus.core.engine.internal.FakeTransforms;
import io.arus.core.model.TransformSpec;
import io.arus.core.security.ConnectionSecrets;
import io.arus.core.security.SecretBox;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TransformPreviewTest {
    private static final Schema INPUT = Schema.of(Field.of("n", LogicalType.INT64, false),
            Field.of("name", LogicalType.STRING, true));
    private static final List<Object[]> ROWS = List.of(new Object[] {1L, "a"}, new Object[] {-2L, "b"},
            new Object[] {4L, "c"});
    private static final SecretBox BOX = new SecretBox() {
        @Override
        public String encrypt(String plaintext) {
            return PREFIX + new StringBuilder(plaintext).reverse();
        }

        @Override
        public String decrypt(String encrypted) {
            return new StringBuilder(encrypted.substring(PREFIX.length())).reverse().toString();
        }
    };
    private final TransformPreview preview = new TransformPreview(new FakeTransforms(), new ConnectionSecrets(BOX));

    @Test
    void answersEachStepsSchemaRowsRejectsFilteredAndLineage() {
        TransformPreview.Result result = preview.preview("p1", "public.t", INPUT, ROWS, List.of(
                new TransformSpec("positive", Map.of()), new TransformSpec("even", Map.of()),
                new TransformSpec("drop", Map.of("column", "n"))));
        assertNull(result.error());
        assertEquals(3, result.steps().size());
        TransformPreview.StepPreview positive = result.steps().get(0);
        assertEquals(2, positive.rows().size());
        assertEquals("n: negative", positive.rejected().get(0).reason());
        assertArrayEquals(new Object[] {-2L, "b"}, positive.rejected().get(0).row());
        assertEquals(1, result.steps().get(1).filtered());
        TransformPreview.StepPreview drop = result.steps().get(2);
        assertEquals(List.of("name"), drop.schema().names());
        assertEquals(List.of("c"), drop.rows().stream().map(r -> r[0]).toList());
        assertEquals(Map.of("name", List.of("name")), drop.lineage());
        assertEquals("drop", drop.type());
        assertEquals(2, drop.index());
    }

    @Test
    void aStepThatCannotBeOpenedComesAfterTheStepsBeforeIt() {
        TransformPreview.Result result = preview.preview("p1", "public.t", INPUT, ROWS, List.of(
                new TransformSpec("drop", Map.of("column", "name")), new TransformSpec("upper", Map.of("column", "name"))));
        assertEquals(1, result.steps().size());
        assertEquals(new TransformPreview.StepError(1, "transforms[1].config.column",
                "step 2 (upper): no column 'name' in the input"), result.error());
    }

    @Test
    void aStepThatFailsOnTheRowsIsNamed() {
        TransformPreview.Result result = preview.preview(null, "public.t", INPUT, ROWS, List.of(
                new TransformSpec("fail", Map.of())));
        assertEquals(List.of(), result.steps());
        assertEquals(new TransformPreview.StepError(0, "transforms[0]", "step 1 (fail): runner died"), result.error());
    }

    @Test
    void sealedStepSecretsAreDecrypted() {
        TransformPreview.Result result = preview.preview("p1", "public.t", INPUT, ROWS, List.of(
                new TransformSpec("salted", Map.of("salt", BOX.encrypt("pepper")))));
        assertEquals("pepper", result.steps().get(0).rows().get(0)[2]);
    }
}
