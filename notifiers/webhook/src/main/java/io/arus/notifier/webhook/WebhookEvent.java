package io.arus.notifier.webhook;

import io.arus.api.notify.Notification;
import io.arus.notifier.base.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/**
 * The JSON document a webhook receives: the whole notification in {@code snake_case}, absent values as
 * {@code null}, and an {@code event_id} that stays the same when the server retries the same notification, so
 * that a receiver can drop duplicates.
 *
 * @param id   the event id
 * @param json the document
 */
record WebhookEvent(String id, String json) {
    static WebhookEvent of(Notification notification) {
        String occurredAt = DateTimeFormatter.ISO_INSTANT.format(notification.occurredAt());
        // a name-based UUID: the same event of the same run at the same instant always gets the same id
        String identity = String.join("\u0000", notification.event().id(), notification.pipelineId(),
                String.valueOf(notification.runId()), occurredAt);
        String id = UUID.nameUUIDFromBytes(identity.getBytes(StandardCharsets.UTF_8)).toString();
        JsonObject json = new JsonObject()
                .put("event_id", id)
                .put("event", notification.event().id())
                .put("pipeline_id", notification.pipelineId())
                .put("pipeline_name", notification.pipelineName())
                .put("run_id", notification.runId())
                .put("status", notification.status())
                .put("counts", notification.counts())
                .put("error", notification.error())
                .put("link", notification.link())
                .put("occurred_at", occurredAt);
        return new WebhookEvent(id, json.toString());
    }
}
