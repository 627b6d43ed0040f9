package io.arus.core.store.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code pending_runs}: the run a pipeline starts when its current run ends. */
@Entity
@Table(name = "pending_runs")
public class PendingRunEntity {
    @Id
    @Column(name = "pipeline_id")
    String pipelineId;
    @Column(name = "run_trigger")
    String trigger;
    @Column(name = "queued_at")
    Instant queuedAt;
}
