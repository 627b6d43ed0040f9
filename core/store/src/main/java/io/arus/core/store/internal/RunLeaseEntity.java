package io.arus.core.store.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code run_leases}: the active run of a pipeline and the node that runs it, until its lease expires. */
@Entity
@Table(name = "run_leases")
public class RunLeaseEntity {
    @Id
    @Column(name = "pipeline_id")
    String pipelineId;
    @Column(name = "run_id")
    String runId;
    @Column(name = "node_id")
    String nodeId;
    @Column(name = "heartbeat_at")
    Instant heartbeatAt;
    @Column(name = "expires_at")
    Instant expiresAt;
}
