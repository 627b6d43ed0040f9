package io.arus.core.service.internal;

import io.arus.api.notify.Notification;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/** Notification event ids in the order of {@link Notification.Event}, as answers list them. */
final class EventOrder {
    private static final List<String> EVENTS = Arrays.stream(Notification.Event.values())
            .map(Notification.Event::id).toList();

    private EventOrder() {
    }

    /** @return the event ids in the order of {@link Notification.Event}, unknown ones last */
    static List<String> sorted(List<String> events) {
        return events.stream().sorted(Comparator.comparingInt(e -> EVENTS.contains(e) ? EVENTS.indexOf(e)
                : EVENTS.size())).toList();
    }
}
