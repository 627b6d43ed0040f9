package io.arus.core.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.arus.api.record.Changes;
import io.arus.api.record.Offset;
import io.arus.api.record.RecordBatch;
import io.arus.api.type.Field;
import io.arus.api.type.LogicalType;
import io.arus.api.type.Schema;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChangeLagTest {
    private static final Schema TABLE = Schema.of(Field.of("id", LogicalType.INT64, false),
            Field.of("name", LogicalType.STRING, true));
    private static final Schema CHANGES = Changes.schemaOf(TABLE);
    private static final Instant NOW = Instant.parse("2026-12-05T18:00:00Z");

    @Test
    void isFromTheCommitOfTheLastChangeToNow() {
        RecordBatch batch = changes(row(1, Changes.INSERT, NOW.minusSeconds(90)),
                row(2, Changes.UPDATE, NOW.minusMillis(1_250)));

        assertThat(ChangeLag.millisBehind(batch, NOW)).isEqualTo(1_250);
    }

    @Test
    void anEmptyChangeBatchIsCaughtUp() {
        assertThat(ChangeLag.millisBehind(changes(), NOW)).isZero();
    }

    @Test
    void isUnknownForSnapshotRowsAndBatchesWithoutTheChangeColumns() {
        assertThat(ChangeLag.millisBehind(changes(row(1, Changes.SNAPSHOT, null), row(2, Changes.SNAPSHOT, null)), NOW))
                .isEqualTo(-1);
        assertThat(ChangeLag.millisBehind(RecordBatch.of(TABLE, List.<Object[]>of(new Object[] {1L, "a"}), null), NOW))
                .isEqualTo(-1);
        assertThat(ChangeLag.millisBehind(RecordBatch.of(TABLE, List.of(), null), NOW)).as("an empty plain batch")
                .isEqualTo(-1);
    }

    @Test
    void skipsRowsWithoutACommitTimeFromTheEnd() {
        RecordBatch batch = changes(row(1, Changes.DELETE, NOW.minusSeconds(7)), row(2, Changes.UPDATE, null));

        assertThat(ChangeLag.millisBehind(batch, NOW)).isEqualTo(7_000);
    }

    @Test
    void isNeverNegativeWhenTheSourcesClockIsAhead() {
        assertThat(ChangeLag.millisBehind(changes(row(1, Changes.INSERT, NOW.plusSeconds(2))), NOW)).isZero();
    }

    private static Object[] row(long id, String op, Instant committedAt) {
        return new Object[] {id, "n" + id, op, id * 100, committedAt};
    }

    private static RecordBatch changes(Object[]... rows) {
        return RecordBatch.of(CHANGES, new ArrayList<>(Arrays.asList(rows)), Offset.of(Map.of("lsn", 1L)));
    }
}
