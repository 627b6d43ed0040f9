package io.arus.transform.dedupe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arus.api.config.Config;
import io.arus.api.config.ConfigException;
import io.arus.api.record.Offset;
import io.arus.api.record.RecordBatch;
import io.arus.api.transform.TransformContext;
import io.arus.api.transform.TransformException;
import io.arus.api.transform.TransformResult;
import io.arus.api.transform.TransformStep;
import io.arus.api.type.Field;
import io.arus.api.type.LogicalType;
import io.arus.api.type.Schema;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DedupeTransformTest {
    private static final Schema INPUT = Schema.of(Field.of("id", LogicalType.INT64, true),
            Field.of("region", LogicalType.STRING, true), Field.of("version", LogicalType.INT32, true),
            Field.of("note", LogicalType.STRING, true), Field.of("blob", LogicalType.BYTES, true));
    private static final TransformContext CONTEXT = new TransformContext() {
        @Override
        public String pipelineId() {
            return "p1";
        }

        @Override
        public String stream() {
            return "public.events";
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

    private final DedupeTransform transform = new DedupeTransform();

    private static Config config(Object... pairs) throws ConfigException {
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            values.put((String) pairs[i], pairs[i + 1]);
        }
        return DedupeTransform.SPEC.resolve(values);
    }

    private static Object[] row(Object id, Object region, Object version, String note) {
        return new Object[] {id, region, version, note, null};
    }

    private static RecordBatch batch(Offset offset, Object[]... rows) {
        return RecordBatch.of(INPUT, List.of(rows), offset);
    }

    private static List<Object> notes(TransformResult result) {
        return result.batch().rows().stream().map(r -> r[3]).toList();
    }

    @Test
    void keepsTheRowWithTheGreatestOrderValuePerKeyInABatchLaterWinsTies() throws Exception {
        TransformStep step = transform.open(config("key", List.of("id"), "order_by", "version"), INPUT, CONTEXT);
        Offset offset = Offset.of(Map.of("id", 5L));
        TransformResult result = step.apply(batch(offset, row(1L, "eu", 2, "a"), row(2L, "eu", 1, "b"),
                row(1L, "eu", 3, "c"), row(1L, "eu", 1, "d"), row(2L, "eu", 1, "e")));
        assertThat(notes(result)).containsExactly("c", "e");
        assertThat(result.filtered()).isEqualTo(3);
        assertThat(result.rejected()).isEmpty();
        assertThat(result.batch().offsetAfter()).isEqualTo(offset);
        assertThat(step.outputSchema()).isEqualTo(INPUT);
    }

    @Test
    void acrossBatchesARowIsDroppedWhenItsKeyWasWrittenWithAGreaterOrEqualValue() throws Exception {
        TransformStep step = transform.open(config("key", List.of("id"), "order_by", "version"), INPUT, CONTEXT);
        assertThat(notes(step.apply(batch(null, row(1L, "eu", 5, "a"), row(2L, "eu", 1, "b"))))).containsExactly("a",
                "b");
        TransformResult second = step.apply(batch(null, row(1L, "eu", 5, "tie"), row(1L, "eu", 4, "older"),
                row(2L, "eu", 2, "newer"), row(3L, "eu", 0, "new key")));
        assertThat(notes(second)).containsExactly("newer", "new key");
        assertThat(second.filtered()).isEqualTo(2);
        TransformResult empty = step.apply(batch(null));
        assertThat(empty.batch().rows()).isEmpty();
        assertThat(empty.filtered()).isZero();
    }

    @Test
    void aCompositeKeyAndNullOrAbsentValues() throws Exception {
        TransformStep step = transform.open(config("key", List.of("id", "region"), "order_by", "version"), INPUT,
                CONTEXT);
        TransformResult result = step.apply(batch(null, row(1L, "eu", 1, "eu1"), row(1L, "us", 1, "us1"),
                row(null, null, 1, "nullkey1"), row(RecordBatch.ABSENT, null, 2, "nullkey2"),
                row(1L, "eu", null, "null order"), row(1L, "us", RecordBatch.ABSENT, "absent order")));
        // NULL and ABSENT keys are the same key; a NULL or ABSENT order value is less than any value
        assertThat(notes(result)).containsExactly("eu1", "us1", "nullkey2");
        TransformStep nullOrders = transform.open(config("key", List.of("id"), "order_by", "version"), INPUT,
                CONTEXT);
        assertThat(notes(nullOrders.apply(batch(null, row(9L, "eu", null, "first"))))).containsExactly("first");
        assertThat(notes(nullOrders.apply(batch(null, row(9L, "eu", null, "again"), row(8L, "eu", null, "x")))))
                .containsExactly("x");
        assertThat(notes(nullOrders.apply(batch(null, row(9L, "eu", 0, "valued"))))).containsExactly("valued");
    }

    @Test
    void bytesKeysCompareByContent() throws Exception {
        TransformStep step = transform.open(config("key", List.of("blob"), "order_by", "id"), INPUT, CONTEXT);
        TransformResult result = step.apply(batch(null, new Object[] {1L, null, null, "a", new byte[] {1, 2}},
                new Object[] {2L, null, null, "b", new byte[] {1, 2}}));
        assertThat(notes(result)).containsExactly("b");
    }

    @Test
    void moreThanMaxKeysFailsTheBatch() throws Exception {
        TransformStep step = transform.open(config("key", List.of("id"), "order_by", "version", "max_keys", 2),
                INPUT, CONTEXT);
        step.apply(batch(null, row(1L, "eu", 1, "a"), row(2L, "eu", 1, "b")));
        assertThat(notes(step.apply(batch(null, row(2L, "eu", 2, "b2"))))).containsExactly("b2");
        assertThatThrownBy(() -> step.apply(batch(null, row(3L, "eu", 1, "c"))))
                .isInstanceOf(TransformException.class).hasMessageContaining("max_keys (2)");
    }

    @Test
    void aNewStepStartsWithNoMemory() throws Exception {
        Config config = config("key", List.of("id"), "order_by", "version");
        TransformStep first = transform.open(config, INPUT, CONTEXT);
        first.apply(batch(null, row(1L, "eu", 9, "a")));
        first.close();
        TransformStep next = transform.open(config, INPUT, CONTEXT);
        assertThat(notes(next.apply(batch(null, row(1L, "eu", 1, "b"))))).containsExactly("b");
    }

    @Test
    void badConfigsNameTheirField() {
        assertField(() -> transform.check(Config.of(DedupeTransform.SPEC, Map.of("order_by", "version"))), "key");
        assertField(() -> transform.check(config("key", List.of("id", "id"), "order_by", "version")), "key");
        assertField(() -> transform.check(Config.of(DedupeTransform.SPEC, Map.of("key", List.of("id")))),
                "order_by");
        assertField(() -> transform.check(Config.of(DedupeTransform.SPEC, Map.of("key", List.of("id"),
                "order_by", "version", "max_keys", 0))), "max_keys");
        assertField(() -> transform.open(config("key", List.of("id", "nope"), "order_by", "version"), INPUT,
                CONTEXT), "key");
        assertField(() -> transform.open(config("key", List.of("id"), "order_by", "nope"), INPUT, CONTEXT),
                "order_by");
        assertField(() -> transform.open(config("key", List.of("id"), "order_by", "blob"), INPUT, CONTEXT),
                "order_by");
    }

    private static void assertField(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String field) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.violations())
                .anyMatch(v -> v.field().equals(field)));
    }
}
