package io.arus.core.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A stored pipeline.
 *
 * @param id               a UUID
 * @param name             unique
 * @param sourceId         the source connection
 * @param destinationId    the destination connection
 * @param definition       everything else (streams, zones, namespaces, batch size, checks...) as JSON-friendly
 *                         values; the engine owns its shape
 * @param enabled          whether schedules and dependencies may start it
 * @param scheduleCron     a Quartz cron expression, or null
 * @param scheduleTimezone the cron's time zone, or null for UTC
 * @param dependsOn        ids of upstream pipelines
 * @param createdAt        when it was created
 * @param updatedAt        when it last changed
 */
public record Pipeline(String id, String name, String sourceId, String destinationId, Map<String, Object> definition,
                       boolean enabled, String scheduleCron, String scheduleTimezone, List<String> dependsOn,
                       Instant createdAt, Instant updatedAt) {
}
