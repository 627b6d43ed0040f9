package io.arus.core.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.arus.api.record.RecordBatch;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TransformViewsTest {
    @Test
    void previewValuesAreJsonFriendly() {
        assertThat(TransformViews.value(new BigDecimal("12.50"))).isEqualTo(12.5);
        assertThat(TransformViews.value(new BigDecimal("12345678901234567890.12"))).isEqualTo("12345678901234567890.12");
        assertThat(TransformViews.value(LocalDate.of(2026, 12, 5))).isEqualTo("2026-12-05");
        assertThat(TransformViews.value(new byte[] {1, 2, 3})).isEqualTo("AQID");
        assertThat(TransformViews.value(RecordBatch.ABSENT)).isNull();
        assertThat(TransformViews.value(UUID.fromString("00000000-0000-0000-0000-000000000001")))
                .isEqualTo("00000000-0000-0000-0000-000000000001");
        assertThat(TransformViews.value(List.of(7L, true, "a"))).isEqualTo(List.of(7L, true, "a"));
    }
}
