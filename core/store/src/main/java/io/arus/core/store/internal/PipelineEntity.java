package io.arus.core.store.internal;

import io.arus.core.store.Pipeline;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/** A row of {@code pipelines}. */
@Entity
@Table(name = "pipelines")
public class PipelineEntity {
    @Id
    String id;
    String name;
    @Column(name = "source_id")
    String sourceId;
    @Column(name = "destination_id")
    String destinationId;
    /** Streams, zones, namespaces, checks... as a JSON object. */
    String definition;
    boolean enabled;
    @Column(name = "schedule_cron")
    String scheduleCron;
    @Column(name = "schedule_timezone")
    String scheduleTimezone;
    @Column(name = "created_at")
    Instant createdAt;
    @Column(name = "updated_at")
    Instant updatedAt;

    /** @param dependsOn the upstream ids, from {@code pipeline_dependencies} */
    Pipeline toRecord(List<String> dependsOn) {
        return new Pipeline(id, name, sourceId, destinationId, ConfigJson.read(definition), enabled, scheduleCron,
                scheduleTimezone, dependsOn, createdAt, updatedAt);
    }
}
