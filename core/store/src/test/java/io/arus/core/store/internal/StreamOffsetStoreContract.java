package io.arus.core.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    @Test
    void anOffsetReadsBackEqual() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("cursor", "2025-01-01T00:00:00.123456Z");
        values.put("pk", List.of(42, "b", 5_000_000_000L));
        values.put("cursor_amount", new BigDecimal("12345678901234567890.123456789"));
        values.put("done", false);
        values.put("lsn", null);
        Map<String, Object> offset = Map.of("version", 1, "values", values);

        offsets.put(pipeline, "public.orders", "pk:0-1000", offset);

        assertThat(offsets.get(pipeline, "public.orders", "pk:0-1000")).contains(offset);
        assertThat(offsets.get(pipeline, "public.orders", "pk:1000-2000")).isEmpty();
        assertThat(offsets.get(pipeline, "public.customers", "pk:0-1000")).isEmpty();
    }

    @Test
    void aDoubleComesBackAsTheDecimalItPrintsAs() {
        offsets.put(pipeline, "public.readings", "all", Map.of("cursor", 0.1));

        assertThat(offsets.get(pipeline, "public.readings", "all").orElseThrow().get("cursor"))
                .isEqualTo(new BigDecimal("0.1"));
    }

    @Test
    void putReplacesTheOffsetOfTheSameSplit() {
        offsets.put(pipeline, "public.orders", "all", Map.of("version", 1, "values", Map.of("id", 100)));
        clock.advance(Duration.ofSeconds(5));

        offsets.put(pipeline, "public.orders", "all", Map.of("version", 1, "values", Map.of("id", 200)));

        assertThat(offsets.get(pipeline, "public.orders", "all"))
                .contains(Map.of("version", 1, "values", Map.of("id", 200)));
        Instant now = clock.instant();
        assertThat(database.queryLong("SELECT COUNT(*) FROM stream_offsets WHERE updated_at = ?",
                now.atOffset(ZoneOffset.UTC))).isEqualTo(1);
        assertThat(database.queryLong("SELECT COUNT(*) FROM stream_offsets")).isEqualTo(1);
    }

    @Test
    void allIsSortedByStreamThenSplitAndHoldsOnePipelineOnly() throws ConflictException {
        String other = TestPipelines.create(persistence, clock, "customers").id();
        offsets.put(pipeline, "public.orders", "pk:b", Map.of("n", 2));
        offsets.put(pipeline, "public.customers", "all", Map.of("n", 3));
        offsets.put(pipeline, "public.orders", "pk:a", Map.of("n", 1));
        offsets.put(other, "public.orders", "pk:a", Map.of("n", 9));

        Map<String, Map<String, Map<String, Object>>> all = offsets.all(pipeline);

        assertThat(all).containsOnlyKeys("public.customers", "public.orders");
        assertThat(all.keySet()).containsExactly("public.customers", "public.orders");
        assertThat(all.get("public.orders").keySet()).containsExactly("pk:a", "pk:b");
        assertThat(all.get("public.orders").get("pk:b")).isEqualTo(Map.of("n", 2));
        assertThat(offsets.all("no-such-pipeline")).isEmpty();
    }

    @Test
    void clearDeletesOneStreamAndClearAllEveryStreamOfOnePipeline() throws ConflictException {
        String other = TestPipelines.create(persistence, clock, "customers").id();
        offsets.put(pipeline, "public.orders", "pk:a", Map.of("n", 1));
        offsets.put(pipeline, "public.orders", "pk:b", Map.of("n", 2));
        offsets.put(pipeline, "public.customers", "all", Map.of("n", 3));
        offsets.put(other, "public.orders", "all", Map.of("n", 4));

        offsets.clear(pipeline, "public.orders");
        assertThat(offsets.all(pipeline)).containsOnlyKeys("public.customers");

        offsets.clearAll(pipeline);
        assertThat(offsets.all(pipeline)).isEmpty();
        assertThat(offsets.get(other, "public.orders", "all")).contains(Map.of("n", 4));
    }

    @Test
    void anOffsetOfAnUnknownPipelineIsRefusedByTheForeignKey() {
        assertThatThrownBy(() -> offsets.put("no-such-pipeline", "s", "all", Map.of()))
                .isInstanceOf(PersistenceException.class);
    }
}
