package io.arus.core.store.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code cluster_nodes}: a server on this database and its last heartbeat. */
@Entity
@Table(name = "cluster_nodes")
public class ClusterNodeEntity {
    @Id
    @Column(name = "node_id")
    String nodeId;
    @Column(name = "started_at")
    Instant startedAt;
    @Column(name = "heartbeat_at")
    Instant heartbeatAt;
}
