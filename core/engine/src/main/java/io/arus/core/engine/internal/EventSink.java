package io.arus.core.engine.internal;

import io.arus.core.engine.RunEvents;
import java.util.HashMap;
import java.util.Map;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/**
 * Posts run events to EventAdmin while one is there, and drops them otherwise: events tell followers what
 * happened, the metadata store keeps it, so a missing EventAdmin never stops a run.
 */
final class EventSink {
    private volatile EventAdmin admin;

    void bind(EventAdmin eventAdmin) {
        this.admin = eventAdmin;
    }

    void unbind(EventAdmin eventAdmin) {
        if (this.admin == eventAdmin) {
            this.admin = null;
        }
    }

    /** @param properties the event's properties; null values are left out */
    void post(String topic, Map<String, Object> properties) {
        EventAdmin target = admin;
        if (target == null) {
            return;
        }
        Map<String, Object> values = new HashMap<>();
        properties.forEach((key, value) -> {
            if (value != null) {
                values.put(key, value);
            }
        });
        values.putIfAbsent(RunEvents.AT, System.currentTimeMillis());
        target.postEvent(new Event(topic, values));
    }
}
