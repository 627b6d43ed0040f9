package io.arus.api.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchLimitTest {
    private static final StreamId STREAM = new StreamId("public", "events");

    @Test
    void aBatchEndsAtItsRowsWithoutAByteBound() {
        BatchLimit limit = BatchLimit.of(ReadRequest.builder(STREAM).batchSize(3).build());
        List<Object[]> rows = fill(limit, () -> new Object[] {"x".repeat(10_000)});

        assertThat(rows).hasSize(3);
        assertThat(limit.taken()).isZero();
        assertThat(limit.firstPage()).isEqualTo(3);
        assertThat(limit.rowsFor(3, 30_000)).isEqualTo(3);
    }

    @Test
    void wideRowsEndTheBatchAtItsBytesAndARowWiderThanTheBoundIsABatchOfItsOwn() {
        BatchLimit limit = BatchLimit.of(ReadRequest.builder(STREAM).batchSize(10_000).batchBytes(100_000).build());
        List<Object[]> rows = fill(limit, () -> new Object[] {1L, "x".repeat(10_000)});

        // each row takes a little over 10,000 bytes: the tenth reaches the bound
        assertThat(rows).hasSize(10);
        assertThat(limit.taken()).isBetween(100_000L, 110_000L);

        limit.reset();
        List<Object[]> huge = fill(limit, () -> new Object[] {"y".repeat(500_000)});
        assertThat(huge).hasSize(1);
    }

    @Test
    void aPagingReaderAsksForTheRowsThatFitAfterAFirstSmallPage() {
        BatchLimit limit = BatchLimit.of(20_000, 4 << 20);

        assertThat(limit.firstPage()).isEqualTo(100);
        // 1,000 rows took 400,000 bytes: about 10,485 fit in 4 MiB
        assertThat(limit.rowsFor(1_000, 400_000)).isEqualTo(10_485);
        // narrow rows: never more than the batch size; an empty page says nothing
        assertThat(limit.rowsFor(1_000, 1_000)).isEqualTo(20_000);
        assertThat(limit.rowsFor(0, 0)).isEqualTo(20_000);
        // one row wider than the bound: one row a page
        assertThat(limit.rowsFor(1, 10 << 20)).isEqualTo(1);
    }

    @Test
    void theFootprintCountsTheValuesAsTheHeapHoldsThem() {
        Object[] row = {42L, "name 42", new BigDecimal("12.34"), LocalDateTime.of(2024, 1, 1, 0, 0), null, 7};
        long size = BatchLimit.footprint(row);

        // array 16 + 6 refs; Long 16; String 24 + 16 + 8; BigDecimal 40; LocalDateTime 72; null 0; Integer 16
        assertThat(size).isEqualTo(16 + 24 + 16 + 48 + 40 + 72 + 16);
        assertThat(BatchLimit.footprint(new Object[] {new byte[1000]})).isEqualTo(16 + 4 + 16 + 1000);
        assertThat(BatchLimit.footprint(new Object[] {List.of("a", "b")}))
                .isEqualTo(16 + 4 + 40 + 8 + 2 * (24 + 16 + 8));
    }

    private static List<Object[]> fill(BatchLimit limit, java.util.function.Supplier<Object[]> source) {
        List<Object[]> rows = new ArrayList<>();
        while (!limit.full(rows.size())) {
            Object[] row = source.get();
            rows.add(row);
            limit.add(row);
        }
        return rows;
    }
}
