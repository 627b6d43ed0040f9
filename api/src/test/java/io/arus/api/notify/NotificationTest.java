package io.arus.api.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class NotificationTest {
    private static final Instant AT = Instant.parse("2024-05-01T10:00:00Z");

    private static Notification failed(Map<String, Long> counts) {
        return new Notification(Notification.Event.RUN_FAILED, "p-1", "orders to warehouse", "r-9", "failed", counts,
                "connection refused", null, AT);
    }

    @Test
    void countsAreCopiedAndCannotBeModified() {
        Map<String, Long> counts = new HashMap<>(Map.of("rows_read", 10L));
        Notification notification = failed(counts);
        counts.put("rows_written", 5L);

        assertThat(notification.counts()).containsOnly(Map.entry("rows_read", 10L));
        assertThatThrownBy(() -> notification.counts().put("x", 1L)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void missingCountsAreEmpty() {
        assertThat(failed(null).counts()).isEmpty();
    }

    @Test
    void needsEventPipelineAndTime() {
        assertThatThrownBy(() -> new Notification(null, "p-1", "n", null, null, null, null, null, AT))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Notification(Notification.Event.RUN_SUCCEEDED, null, "n", null, null, null, null,
                null, AT)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Notification(Notification.Event.RUN_SUCCEEDED, "p-1", null, null, null, null, null,
                null, AT)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Notification(Notification.Event.RUN_SUCCEEDED, "p-1", "n", null, null, null, null,
                null, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void runFailedReadsAsInJson() {
        assertThat(Notification.Event.RUN_FAILED.id()).isEqualTo("run_failed");
    }

    @ParameterizedTest
    @EnumSource(Notification.Event.class)
    void eventIdIsLowerCase(Notification.Event event) {
        assertThat(event.id()).isEqualTo(event.name().toLowerCase(Locale.ROOT));
    }

    @Test
    void deliveryFailureSaysWhetherToRetry() {
        assertThat(new NotificationException("HTTP 429", true, null).isRetryable()).isTrue();
        assertThat(new NotificationException("HTTP 404: unknown webhook", false, null).isRetryable()).isFalse();
    }
}
