package io.arus.core.rest.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.arus.core.service.SavedNotificationTarget;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The JSON shapes of {@code /api/notification-targets}; requests bind NotificationTargetSpec. */
final class NotificationTargetViews {
    private NotificationTargetViews() {
    }

    /**
     * The request body of a test without saving: a type and a configuration, and optionally the id of the stored
     * target whose secrets fill the fields sent as the mask, and a name for the notification to show.
     */
    record TargetTestRequest(String id, String name, String type, Map<String, Object> config) {
    }

    /**
     * A stored target: literal secrets masked, secret references shown as written. {@code available} is false when
     * its notifier type is not installed; {@code pipelines} are those that subscribe it to some event.
     */
    record TargetView(String id, String name, String type, Map<String, Object> config, boolean available,
                      List<PipelineUse> pipelines, Instant createdAt, Instant updatedAt) {
        static TargetView of(SavedNotificationTarget saved) {
            return new TargetView(saved.id(), saved.spec().name(), saved.spec().type(), saved.spec().config(),
                    saved.available(), saved.pipelines().stream().map(PipelineUse::of).toList(), saved.createdAt(),
                    saved.updatedAt());
        }
    }

    /** A pipeline that subscribes a target, with the events the target hears. */
    record PipelineUse(String id, String name, List<String> events) {
        static PipelineUse of(SavedNotificationTarget.TargetUse use) {
            return new PipelineUse(use.id(), use.name(), use.events());
        }
    }

    /** The outcome of {@code POST .../{id}/test}: {@code {"ok": true}} or {@code {"ok": false, "error": "..."}}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record TestAnswer(boolean ok, String error) {
        static TestAnswer of(String error) {
            return new TestAnswer(error == null, error);
        }
    }
}
