package io.arus.core.store;

import java.util.List;
import java.util.Objects;

/**
 * The events of one pipeline that one notification target hears.
 *
 * @param targetId the notification target
 * @param events   event ids such as {@code run_failed}; the store keeps them as given, sorted, each once
 */
public record NotificationSubscription(String targetId, List<String> events) {
    /** Checks the target and copies the events. */
    public NotificationSubscription {
        Objects.requireNonNull(targetId, "targetId");
        events = List.copyOf(events);
    }
}
