package io.arus.core.notify.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.arus.core.engine.RunEvents;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;

class NotificationDispatcherTest {
    @Test
    void theEventFilterLetsThroughEndsThatMayNotifyAndEventsWithoutStatus() throws InvalidSyntaxException {
        Filter filter = FrameworkUtil.createFilter(NotificationDispatcher.FILTER);

        assertThat(filter.matches(Map.of(RunEvents.STATUS, "failed"))).isTrue();
        assertThat(filter.matches(Map.of(RunEvents.STATUS, "succeeded"))).isTrue();
        assertThat(filter.matches(Map.of(RunEvents.STATUS, "succeeded_with_warnings"))).isTrue();
        assertThat(filter.matches(Map.of(RunEvents.STREAM, "public.orders", RunEvents.ERROR, "3 duplicates"))).isTrue();
        assertThat(filter.matches(Map.of(RunEvents.STREAM, "public.orders", RunEvents.LAG_SECONDS, 400.0))).as("a lag")
                .isTrue();
        for (String status : new String[] {"queued", "running", "paused", "cancelled", "interrupted"}) {
            assertThat(filter.matches(Map.of(RunEvents.STATUS, status))).as(status).isFalse();
        }
    }
}
