package io.arus.api.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arus.api.type.Field;
import io.arus.api.type.LogicalType;
import io.arus.api.type.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordBatchTest {
    private static final Schema SCHEMA = Schema.of(
            Field.of("id", LogicalType.INT64, false),
            Field.of("email", LogicalType.STRING, true));
    private static final Offset AFTER_2 = Offset.of(Map.of("id", 2L));

    private static List<Object[]> rows(long... ids) {
        List<Object[]> rows = new ArrayList<>();
        for (long id : ids) {
            rows.add(new Object[] {id, "user" + id + "@example.com"});
        }
        return rows;
    }

    @Test
    void rowsCannotBeAddedOrRemoved() {
        RecordBatch batch = RecordBatch.of(SCHEMA, rows(1, 2), AFTER_2);

        assertThatThrownBy(() -> batch.rows().add(new Object[] {3L, null}))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> batch.rows().remove(0)).isInstanceOf(UnsupportedOperationException.class);
        assertThat(batch.size()).isEqualTo(2);
    }

    @Test
    void theMarkOfNewKeysStaysOnPartsOfTheBatchAndIsOffByDefault() {
        RecordBatch batch = RecordBatch.of(SCHEMA, rows(1, 2), AFTER_2);
        assertThat(batch.newKeys()).isFalse();
        RecordBatch marked = batch.withNewKeys();
        assertThat(marked.newKeys()).isTrue();
        assertThat(marked.rows()).isSameAs(batch.rows());
        assertThat(marked.offsetAfter()).isEqualTo(AFTER_2);
        assertThat(marked.withRows(marked.rows().subList(0, 1)).newKeys()).isTrue();
        assertThat(marked.withUnreadable(List.of()).newKeys()).isTrue();
    }

    @Test
    void withRowsKeepsSchemaAndOffset() {
        RecordBatch batch = RecordBatch.of(SCHEMA, rows(1, 2), AFTER_2);

        RecordBatch half = batch.withRows(batch.rows().subList(0, 1));

        assertThat(half.schema()).isSameAs(SCHEMA);
        assertThat(half.offsetAfter()).isSameAs(AFTER_2);
        assertThat(half.rows()).extracting(r -> r[0]).containsExactly(1L);
        assertThat(batch.size()).isEqualTo(2);
    }

    @Test
    void emptyBatchIsEmpty() {
        RecordBatch batch = RecordBatch.of(SCHEMA, List.of(), null);

        assertThat(batch.isEmpty()).isTrue();
        assertThat(batch.size()).isZero();
        assertThat(batch.offsetAfter()).isNull();
    }

    @Test
    void absentIsNotNull() {
        RecordBatch batch = RecordBatch.of(SCHEMA, List.<Object[]>of(new Object[] {1L, RecordBatch.ABSENT}), null);

        assertThat(batch.rows().get(0)[1]).isNotNull().isSameAs(RecordBatch.ABSENT);
        assertThat(RecordBatch.ABSENT).hasToString("ABSENT");
    }

    @Test
    void toStringShowsCountAndOffsetButNoValues() {
        String text = RecordBatch.of(SCHEMA, rows(1, 2), AFTER_2).toString();

        assertThat(text).contains("2 rows").contains("id=2").doesNotContain("@example.com");
    }

    @Test
    void needsSchemaAndRows() {
        assertThatThrownBy(() -> RecordBatch.of(null, List.of(), null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> RecordBatch.of(SCHEMA, null, null)).isInstanceOf(NullPointerException.class);
    }
}
