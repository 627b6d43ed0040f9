package io.arus.transform.hash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arus.api.config.Config;
import io.arus.api.config.ConfigException;
import io.arus.api.record.Offset;
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

class HashTransformTest {
    private static final Schema INPUT = Schema.of(Field.of("id", LogicalType.INT64, false),
            Field.of("email", LogicalType.STRING, true), Field.of("amount", LogicalType.decimal(12, 2), true),
            Field.of("born", LogicalType.DATE, true), Field.of("raw", LogicalType.BYTES, true));
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

    private final HashTransform transform = new HashTransform();

    private static Config config(Map<String, ?> values) throws ConfigException {
        return HashTransform.SPEC.resolve(values);
    }

    private TransformStep open(List<String> columns, String salt) throws ConfigException {
        return transform.open(config(Map.of("columns", columns, "salt", salt)), INPUT, CONTEXT);
    }

    @Test
    void hashesTheSaltFollowedByTheValueTextAsLowerCaseHex() throws Exception {
        TransformStep step = open(List.of("email", "id", "amount", "born", "raw"), "pepper");
        Offset offset = Offset.of(Map.of("id", 3L));
        TransformResult result = step.apply(RecordBatch.of(INPUT, List.<Object[]>of(new Object[] {42L,
                "alice@example.com", new BigDecimal("10.50"), LocalDate.of(2024, 1, 2), new byte[] {0x0a, (byte) 0xff}}),
                offset));
        // expected values from python3 hashlib.sha256(("pepper" + text).encode()).hexdigest()
        assertThat(result.batch().rows().get(0)).containsExactly(
                "93ca73bec2907ec825519db1f7ee28cb033d71c83d14b76ef78b0c4e64566e6e",
                "8b8d9adc4875c0dca816e3e17b7ac87b45e40945b731fa02e3b42bf101589e21",
                "461fbe0b0fa9bb7cb26f6f45dbd1f8af85c11cecdae47beb7068074b8b3f6b0b",
                "c5eb8076a9118f3dba2ad7903a8640a12a57cc9a0f88eb0d7558f49a1e1f2fe6",
                "2f84b17bcf186d8e5c880fd1ec27e204a0830150ed6aa71a422c114899b8bdbd");
        assertThat(result.batch().offsetAfter()).isEqualTo(offset);
        assertThat(step.outputSchema().fields()).allMatch(f -> f.type().equals(LogicalType.STRING));
        assertThat(step.outputSchema().field(0).nullable()).isFalse();
        assertThat(step.lineage(INPUT)).containsEntry("email", List.of("email")).hasSize(5);
    }

    @Test
    void leavesOtherColumnsAndNullAndAbsentAlone() throws Exception {
        TransformStep step = open(List.of("email", "born"), "pepper");
        TransformResult result = step.apply(RecordBatch.of(INPUT, new ArrayList<>(List.<Object[]>of(
                new Object[] {1L, null, BigDecimal.ONE, RecordBatch.ABSENT, null},
                new Object[] {2L, "ada", null, null, null})), null));
        assertThat(result.batch().rows().get(0)).containsExactly(1L, null, BigDecimal.ONE, RecordBatch.ABSENT, null);
        assertThat(result.batch().rows().get(1)).containsExactly(2L,
                "d4c84e6cc66d90fd098be9436cdad8d9de3099bddd5f2298e98e10d7b9ff1672", null, null, null);
        assertThat(step.outputSchema().field(2).type()).isEqualTo(LogicalType.decimal(12, 2));
    }

    @Test
    void applyCopiesAndInPlaceWritesIntoTheGivenRow() throws Exception {
        TransformStep step = open(List.of("email"), "pepper");
        Object[] row = {2L, "ada", null, null, null};
        String hashed = "d4c84e6cc66d90fd098be9436cdad8d9de3099bddd5f2298e98e10d7b9ff1672";
        assertThat(step.apply(RecordBatch.of(INPUT, List.<Object[]>of(row), null)).batch().rows().get(0)[1])
                .isEqualTo(hashed);
        assertThat(row[1]).isEqualTo("ada");
        assertThat(step.writesInPlace()).isTrue();
        assertThat(step.applyInPlace(RecordBatch.of(INPUT, List.<Object[]>of(row), null)).batch().rows().get(0))
                .isSameAs(row);
        assertThat(row[1]).isEqualTo(hashed);
    }

    @Test
    void textOutsideAsciiAndLongTextHashAsTheirUtf8Bytes() throws Exception {
        TransformStep step = open(List.of("email"), "pepper");
        // one step, row after row: the reused buffers grow and shrink back to short ASCII without a trace
        List<Object[]> rows = new ArrayList<>();
        for (String text : List.of("Zoë Ångström", "日本語", "x".repeat(100) + "é", "ada")) {
            rows.add(new Object[] {1L, text, null, null, null});
        }
        TransformResult result = step.applyInPlace(RecordBatch.of(INPUT, rows, null));
        // expected values from python3 hashlib.sha256(("pepper" + text).encode()).hexdigest()
        assertThat(result.batch().rows()).extracting(row -> row[1]).containsExactly(
                "f65cb1fb8223c5205629ed4b1cef06bd562b36c27f46d5c3469c460cdda479d5",
                "981da1e82c3c56d8d7d35b20fa51a58075d77127577e8985fa0c5e1bebd34d97",
                "671c96672ff290423d4ea5cfa113c41180b638d220c379bd541e87871328dcb2",
                "d4c84e6cc66d90fd098be9436cdad8d9de3099bddd5f2298e98e10d7b9ff1672");
    }

    @Test
    void theSaltChangesTheHash() throws Exception {
        TransformStep step = open(List.of("email"), "salt2");
        assertThat(step.apply(RecordBatch.of(INPUT, List.<Object[]>of(new Object[] {2L, "ada", null, null, null}),
                null)).batch().rows().get(0)[1])
                .isEqualTo("1ef5480ce67690eb5e058b448f0a56a3e2d7a4728e19ca21ccd5af0a2097501a");
    }

    @Test
    void anEmptySaltIsRefusedAtCheck() {
        // the spec marks the salt required; check() refuses it too, for callers that skip the spec
        assertThatThrownBy(() -> config(Map.of("columns", List.of("email"), "salt", "")))
                .isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> transform.check(Config.of(HashTransform.SPEC, Map.of("columns", List.of("email"),
                "salt", ""))))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.violations())
                        .anyMatch(v -> v.field().equals("salt") && v.message().equals("salt is required")));
    }

    @Test
    void noColumnsOrATwiceListedColumnIsRefused() {
        assertThatThrownBy(() -> transform.check(config(Map.of("columns", List.of(), "salt", "s"))))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.violations())
                        .anyMatch(v -> v.field().equals("columns")));
        assertThatThrownBy(() -> transform.check(config(Map.of("columns", List.of("a", "a"), "salt", "s"))))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.violations())
                        .anyMatch(v -> v.field().equals("columns") && v.message().contains("twice")));
    }

    @Test
    void anUnknownColumnIsRefusedAtOpen() {
        assertThatThrownBy(() -> open(List.of("email", "phone"), "s"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.violations())
                        .anyMatch(v -> v.field().equals("columns") && v.message().contains("'phone'")));
    }

    @Test
    void theSaltIsASecretAndTheDescriptorNamesTheType() {
        assertThat(HashTransform.SPEC.field("salt").orElseThrow().secret()).isTrue();
        assertThat(transform.descriptor().type()).isEqualTo("hash");
    }
}
