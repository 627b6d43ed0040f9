package io.arus.core.store.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code notification_deliveries}: a notification still to be sent to one target. */
@Entity
@Table(name = "notification_deliveries")
public class NotificationDeliveryEntity {
    @Id
    String id;
    @Column(name = "target_id")
    String targetId;
    @Column(name = "node_id")
    String nodeId;
    int attempt;
    @Column(name = "due_at")
    Instant dueAt;
    String traceparent;
    String event;
    @Column(name = "pipeline_id")
    String pipelineId;
    @Column(name = "pipeline_name")
    String pipelineName;
    @Column(name = "run_id")
    String runId;
    @Column(name = "run_status")
    String runStatus;
    /** The counters as {@code name=value} pairs joined by commas, in order. */
    String counts;
    String error;
    String link;
    @Column(name = "occurred_at")
    Instant occurredAt;
}
