package io.arus.core.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arus.api.record.Offset;
import io.arus.core.store.ConflictException;
import io.arus.core.store.StreamOffsetStore;
import jakarta.persistence.PersistenceException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link StreamOffsetStore} does, on the database of the subclass. */
abstract class StreamOffsetStoreContract extends DatabaseTest {
    StreamOffsetStore offsets;
    String pipeline;

    @BeforeEach
    void createStoreAndPipeline() throws ConflictException {
        offsets = new JpaStreamOffsetStore(persistence, clock);
        pipeline = TestPipelines.create(persistence, clock, "orders").id();
    }

    private static Offset offset(String key, Object value) {
        return Offset.of(Map.of(key, value));
    }

    @Test
    void anOffsetReadsBackEqual() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("cursor", "2025-01-01T00:00:00.123456Z");
        values.put("pk", List.of(42, "b", 5_000_000_000L));
        values.put("cursor_amount", new BigDecimal("12345678901234567890.123456789"));
        values.put("done", false);
        values.put("lsn", null);
        Offset offset = new Offset(3, values);

        offsets.put(pipeline, "public.orders", "pk:0-1000", offset);

        assertThat(offsets.get(pipeline, "public.orders", "pk:0-1000")).contains(offset);
        assertThat(offsets.get(pipeline, "public.orders", "pk:0-1000").orElseThrow().values().keySet())
                .containsExactly("cursor", "pk", "cursor_amount", "done", "lsn");
        assertThat(offsets.get(pipeline, "public.orders", "pk:1000-2000")).isEmpty();
        assertThat(offsets.get(pipeline, "public.customers", "pk:0-1000")).isEmpty();
    }

    @Test
    void aDoubleComesBackAsTheDecimalItPrintsAs() {
        offsets.put(pipeline, "public.readings", "all", offset("cursor", 0.1));

        assertThat(offsets.get(pipeline, "public.readings", "all").orElseThrow().get("cursor"))
                .isEqualTo(new BigDecimal("0.1"));
    }

    @Test
    void anOffsetIsStoredInTheJsonShapeEarlierServersWrote() {
        offsets.put(pipeline, "public.orders", "all", new Offset(2, Map.of("id", 7)));

        assertThat(database.queryLong("SELECT COUNT(*) FROM stream_offsets WHERE CAST(offset_json AS VARCHAR(1000)) = ?",
                "{\"version\":2,\"values\":{\"id\":7}}")).isEqualTo(1);
    }

    @Test
    void anOffsetRowAnEarlierServerWroteReadsBack() {
        // what StreamSync stored through the untyped store: Map.of("version", v, "values", JsonValues.value(...))
        database.execute("INSERT INTO stream_offsets (pipeline_id, stream, split_id, offset_json, updated_at)"
                + " VALUES (?, 'public.orders', 'all', ?, CURRENT_TIMESTAMP)", pipeline,
                "{\"values\":{\"updated_at\":\"2025-01-01T00:00:00.123456Z\",\"pk\":[42,\"b\"],\"amount\":12.50},"
                        + "\"version\":1}");
        database.execute("INSERT INTO stream_offsets (pipeline_id, stream, split_id, offset_json, updated_at)"
                + " VALUES (?, 'public.customers', 'all', '{\"version\":4,\"values\":{}}', CURRENT_TIMESTAMP)", pipeline);

        Offset orders = offsets.get(pipeline, "public.orders", "all").orElseThrow();

        assertThat(orders.version()).isEqualTo(1);
        assertThat(orders.values()).isEqualTo(Map.of("updated_at", "2025-01-01T00:00:00.123456Z",
                "pk", List.of(42, "b"), "amount", new BigDecimal("12.50")));
        assertThat(offsets.all(pipeline).get("public.customers").get("all")).isEqualTo(new Offset(4, Map.of()));
    }

    @Test
    void putReplacesTheOffsetOfTheSameSplit() {
        offsets.put(pipeline, "public.orders", "all", offset("id", 100));
        clock.advance(Duration.ofSeconds(5));

        offsets.put(pipeline, "public.orders", "all", offset("id", 200));

        assertThat(offsets.get(pipeline, "public.orders", "all")).contains(offset("id", 200));
        Instant now = clock.instant();
        assertThat(database.queryLong("SELECT COUNT(*) FROM stream_offsets WHERE updated_at = ?",
                now.atOffset(ZoneOffset.UTC))).isEqualTo(1);
        assertThat(database.queryLong("SELECT COUNT(*) FROM stream_offsets")).isEqualTo(1);
    }

    @Test
    void allIsSortedByStreamThenSplitAndHoldsOnePipelineOnly() throws ConflictException {
        String other = TestPipelines.create(persistence, clock, "customers").id();
        offsets.put(pipeline, "public.orders", "pk:b", offset("n", 2));
        offsets.put(pipeline, "public.customers", "all", offset("n", 3));
        offsets.put(pipeline, "public.orders", "pk:a", offset("n", 1));
        offsets.put(other, "public.orders", "pk:a", offset("n", 9));

        Map<String, Map<String, Offset>> all = offsets.all(pipeline);

        assertThat(all.keySet()).containsExactly("public.customers", "public.orders");
        assertThat(all.get("public.orders").keySet()).containsExactly("pk:a", "pk:b");
        assertThat(all.get("public.orders").get("pk:b")).isEqualTo(offset("n", 2));
        assertThat(offsets.all("no-such-pipeline")).isEmpty();
    }

    @Test
    void aSplitNamedSchemaIsAnOrdinarySplit() {
        offsets.put(pipeline, "public.orders", "schema", offset("n", 1));

        assertThat(offsets.get(pipeline, "public.orders", "schema")).contains(offset("n", 1));
        assertThat(offsets.all(pipeline).get("public.orders")).containsOnlyKeys("schema");
    }

    @Test
    void clearDeletesOneStreamAndClearAllEveryStreamOfOnePipeline() throws ConflictException {
        String other = TestPipelines.create(persistence, clock, "customers").id();
        offsets.put(pipeline, "public.orders", "pk:a", offset("n", 1));
        offsets.put(pipeline, "public.orders", "pk:b", offset("n", 2));
        offsets.put(pipeline, "public.customers", "all", offset("n", 3));
        offsets.put(other, "public.orders", "all", offset("n", 4));

        offsets.clear(pipeline, "public.orders");
        assertThat(offsets.all(pipeline)).containsOnlyKeys("public.customers");

        offsets.clearAll(pipeline);
        assertThat(offsets.all(pipeline)).isEmpty();
        assertThat(offsets.get(other, "public.orders", "all")).contains(offset("n", 4));
    }

    @Test
    void anOffsetOfAnUnknownPipelineIsRefusedByTheForeignKey() {
        assertThatThrownBy(() -> offsets.put("no-such-pipeline", "s", "all", Offset.of(Map.of())))
                .isInstanceOf(PersistenceException.class);
    }

    @Test
    void aValueJsonCannotHoldIsRefused() {
        assertThatThrownBy(() -> offsets.put(pipeline, "s", "all", offset("at", new Object())))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
