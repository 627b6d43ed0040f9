package io.arus.notifier.base;

import io.arus.api.notify.Notification;
import io.arus.api.notify.Notification.Event;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Notifications for tests, with every part set and fixed values to assert on. */
public final class SampleNotifications {
    /** When every sample happened. */
    public static final Instant OCCURRED_AT = Instant.parse("2025-03-14T09:26:53.589Z");
    /** The link every sample carries. */
    public static final String LINK = "https://arus.example.com/console/#/runs/run-7";

    private SampleNotifications() {
    }

    /** @return a failed run of pipeline "orders" with counts and an error that needs escaping in every markup */
    public static Notification failedRun() {
        return new Notification(Event.RUN_FAILED, "p-42", "orders", "run-7", "failed", counts(),
                "relation \"public.orders\" does not exist <at> line 1 & col 15\n\tat step 'load'", LINK, OCCURRED_AT);
    }

    /** @return a succeeded run of pipeline "orders", without an error */
    public static Notification succeededRun() {
        return new Notification(Event.RUN_SUCCEEDED, "p-42", "orders", "run-8", "succeeded", counts(), null, LINK,
                OCCURRED_AT);
    }

    /** @return a schema change outside a run, without a link, counts or error */
    public static Notification schemaChanged() {
        return new Notification(Event.SCHEMA_CHANGED, "p-42", "orders", null, null, Map.of(), null, null,
                OCCURRED_AT);
    }

    private static Map<String, Long> counts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("rows_read", 1200L);
        counts.put("rows_written", 1190L);
        counts.put("rows_rejected", 10L);
        return counts;
    }
}
