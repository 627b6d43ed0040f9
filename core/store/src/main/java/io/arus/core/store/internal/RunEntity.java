package io.arus.core.store.internal;

import io.arus.core.store.Run;
import io.arus.core.store.RunStatus;
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
    /** A {@link RunStatus#id()}. */
    String status;
    String trigger;
    @Column(name = "created_at")
    Instant createdAt;
    @Column(name = "started_at")
    Instant startedAt;
    @Column(name = "ended_at")
    Instant endedAt;
    String error;

    Run toRecord() {
        return new Run(id, pipelineId, RunStatus.parse(status), trigger, createdAt, startedAt, endedAt, error);
    }
}
