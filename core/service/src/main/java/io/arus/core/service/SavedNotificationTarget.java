package io.arus.core.service;

import io.arus.core.model.NotificationTargetSpec;
import java.time.Instant;
import java.util.List;

/**
 * A stored notification target as answers show it: literal secrets masked, references shown as written.
 *
 * @param id        a UUID
 * @param spec      name, type and masked configuration
 * @param available false when its notifier type is not installed
 * @param pipelines the pipelines that subscribe it, with the events it hears from each
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 */
public record SavedNotificationTarget(String id, NotificationTargetSpec spec, boolean available,
                                      List<TargetUse> pipelines, Instant createdAt, Instant updatedAt) {
    /**
     * A pipeline that subscribes a target.
     *
     * @param id     the pipeline's id
     * @param name   its name
     * @param events the events the target hears, in the order of Notification.Event
     */
    public record TargetUse(String id, String name, List<String> events) {
    }
}
