package io.arus.core.store.internal;

import io.arus.core.store.ClusterNodeStore;
import java.time.Instant;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Nodes in {@code cluster_nodes}. */
@Component(service = ClusterNodeStore.class)
public final class JpaClusterNodeStore implements ClusterNodeStore {
    private final Transactions transactions;

    @Activate
    public JpaClusterNodeStore(@Reference Transactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public void beat(String nodeId, Instant startedAt, Instant now) {
        ClusterNodeEntity row = new ClusterNodeEntity();
        row.nodeId = nodeId;
        row.startedAt = StoredTime.of(startedAt);
        row.heartbeatAt = StoredTime.of(now);
        Upserts.merge(transactions, row);
    }

    @Override
    public List<Node> all() {
        return transactions.inTransaction(em -> em.createQuery("SELECT n FROM ClusterNodeEntity n ORDER BY n.nodeId",
                ClusterNodeEntity.class).getResultList().stream()
                .map(row -> new Node(row.nodeId, row.startedAt, row.heartbeatAt)).toList());
    }

    @Override
    public void forgetBefore(Instant before) {
        transactions.inTransaction(em -> em.createQuery("DELETE FROM ClusterNodeEntity n WHERE n.heartbeatAt < :before")
                .setParameter("before", StoredTime.of(before)).executeUpdate());
    }
}
