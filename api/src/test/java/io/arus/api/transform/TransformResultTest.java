package io.arus.api.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arus.api.record.RecordBatch;
import io.arus.api.type.Field;
import io.arus.api.type.LogicalType;
import io.arus.api.type.Schema;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransformResultTest {
    private static final RecordBatch BATCH = RecordBatch.of(Schema.of(Field.of("email", LogicalType.STRING, true)),
            List.<Object[]>of(new Object[] {"a@example.com"}), null);

    @Test
    void ofHasNoRejectedRows() {
        TransformResult result = TransformResult.of(BATCH);

        assertThat(result.batch()).isSameAs(BATCH);
        assertThat(result.rejected()).isEmpty();
    }

    @Test
    void rejectedRowsAreCopied() {
        List<RejectedRow> rejected = new ArrayList<>();
        rejected.add(new RejectedRow(new Object[] {"not-an-email"}, "email: not a valid address"));
        TransformResult result = new TransformResult(BATCH, rejected);
        rejected.clear();

        assertThat(result.rejected()).extracting(RejectedRow::reason).containsExactly("email: not a valid address");
        assertThatThrownBy(() -> result.rejected().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void needsABatchAndRejectedRowsNeedAReason() {
        assertThatThrownBy(() -> TransformResult.of(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new RejectedRow(new Object[0], null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new RejectedRow(null, "why")).isInstanceOf(NullPointerException.class);
    }
}
