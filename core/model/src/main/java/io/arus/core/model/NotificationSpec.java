package io.arus.core.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One entry of a pipeline's {@code notifications}: which events of the pipeline a notification target hears.
 *
 * @param targetId the notification target's id
 * @param events   one or more of {@code run_succeeded}, {@code run_failed}, ... (io.arus.api.notify.Notification.Event ids)
 */
public record NotificationSpec(@JsonProperty("target_id") String targetId, List<String> events) {
    /** Copies the events; missing events are none (and refused by validation). */
    public NotificationSpec {
        events = events == null ? List.of() : List.copyOf(events);
    }
}
