package io.arus.core.store.internal;

import io.arus.core.store.RunLeaseStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Leases in {@code run_leases}: the primary key on the pipeline decides between two nodes claiming at once. */
@Component(service = RunLeaseStore.class)
public final class JpaRunLeaseStore implements RunLeaseStore {
    private final Transactions transactions;

    @Activate
    public JpaRunLeaseStore(@Reference Transactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public Optional<Lease> claim(String pipelineId, String key, String nodeId, Instant now, Duration ttl) {
        Instant at = StoredTime.of(now);
        try {
            transactions.inTransaction(em -> {
                em.createQuery("DELETE FROM RunLeaseEntity l WHERE l.pipelineId = :pipelineId AND l.expiresAt <= :now")
                        .setParameter("pipelineId", pipelineId).setParameter("now", at).executeUpdate();
                RunLeaseEntity lease = new RunLeaseEntity();
                lease.pipelineId = pipelineId;
                lease.runId = key;
                lease.nodeId = nodeId;
                lease.heartbeatAt = at;
                lease.expiresAt = at.plus(ttl);
                em.persist(lease);
                em.flush();
                return null;
            });
            return Optional.empty();
        } catch (RuntimeException e) {
            // the pipeline's lease is live (or another node claimed it this instant): say whose it is
            Optional<Lease> holder = transactions.inTransaction(em -> Optional.ofNullable(em.find(RunLeaseEntity.class,
                    pipelineId)).map(JpaRunLeaseStore::lease));
            if (holder.isEmpty()) {
                throw e;
            }
            return holder;
        }
    }

    @Override
    public void attach(String pipelineId, String key, String runId) {
        transactions.inTransaction(em -> em.createQuery(
                        "UPDATE RunLeaseEntity l SET l.runId = :runId WHERE l.pipelineId = :pipelineId AND l.runId = :key")
                .setParameter("runId", runId).setParameter("pipelineId", pipelineId).setParameter("key", key)
                .executeUpdate());
    }

    @Override
    public int renew(String nodeId, Instant now, Duration ttl) {
        Instant at = StoredTime.of(now);
        return transactions.inTransaction(em -> em.createQuery(
                        "UPDATE RunLeaseEntity l SET l.heartbeatAt = :now, l.expiresAt = :expires WHERE l.nodeId = :node")
                .setParameter("now", at).setParameter("expires", at.plus(ttl)).setParameter("node", nodeId)
                .executeUpdate());
    }

    @Override
    public void release(String runId) {
        transactions.inTransaction(em -> em.createQuery("DELETE FROM RunLeaseEntity l WHERE l.runId = :runId")
                .setParameter("runId", runId).executeUpdate());
    }

    @Override
    public List<Lease> all() {
        return transactions.inTransaction(em -> em.createQuery("SELECT l FROM RunLeaseEntity l ORDER BY l.pipelineId",
                RunLeaseEntity.class).getResultList().stream().map(JpaRunLeaseStore::lease).toList());
    }

    private static Lease lease(RunLeaseEntity row) {
        return new Lease(row.pipelineId, row.runId, row.nodeId, row.heartbeatAt, row.expiresAt);
    }
}
