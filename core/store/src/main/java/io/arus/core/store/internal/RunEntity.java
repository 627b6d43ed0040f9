package io.arus.core.store.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code runs}. */
@Entity
@Table(name = "runs")
public class RunEntity {
    @Id
    String id;
    @Column(name = "pipeline_id")
    String pipelineId;
    String status;
    String trigger;
    @Column(name = "created_at")
    Instant createdAt;
    @Column(name = "started_at")
    Instant startedAt;
    @Column(name = "ended_at")
    Instant endedAt;
    String error;
}
