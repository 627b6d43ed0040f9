package io.arus.core.store.internal;

import io.arus.core.store.PendingRunStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Waiting runs in {@code pending_runs}, one per pipeline (the primary key). */
@Component(service = PendingRunStore.class)
public final class JpaPendingRunStore implements PendingRunStore {
    private final Transactions transactions;

    @Activate
    public JpaPendingRunStore(@Reference Transactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public PendingRun queue(String pipelineId, String trigger, Instant at) {
        try {
            transactions.inTransaction(em -> {
                PendingRunEntity row = new PendingRunEntity();
                row.pipelineId = pipelineId;
                row.trigger = trigger;
                row.queuedAt = StoredTime.of(at);
                em.persist(row);
                em.flush();
                return null;
            });
            return new PendingRun(pipelineId, trigger, StoredTime.of(at));
        } catch (RuntimeException e) {
            // one waits already (the primary key): the trigger merges into it
            return find(pipelineId).orElseThrow(() -> e);
        }
    }

    @Override
    public Optional<PendingRun> take(String pipelineId) {
        return transactions.inTransaction(em -> {
            PendingRunEntity row = em.find(PendingRunEntity.class, pipelineId);
            if (row == null) {
                return Optional.empty();
            }
            // the delete decides between two takers: only the one that removed the row starts the run
            int removed = em.createQuery("DELETE FROM PendingRunEntity p WHERE p.pipelineId = :pipelineId")
                    .setParameter("pipelineId", pipelineId).executeUpdate();
            return removed == 1 ? Optional.of(pending(row)) : Optional.empty();
        });
    }

    @Override
    public void drop(String pipelineId) {
        transactions.inTransaction(em -> em.createQuery("DELETE FROM PendingRunEntity p WHERE p.pipelineId = :pipelineId")
                .setParameter("pipelineId", pipelineId).executeUpdate());
    }

    @Override
    public List<PendingRun> all() {
        return transactions.inTransaction(em -> em.createQuery(
                "SELECT p FROM PendingRunEntity p ORDER BY p.queuedAt, p.pipelineId", PendingRunEntity.class)
                .getResultList().stream().map(JpaPendingRunStore::pending).toList());
    }

    private Optional<PendingRun> find(String pipelineId) {
        return transactions.inTransaction(em -> Optional.ofNullable(em.find(PendingRunEntity.class, pipelineId))
                .map(JpaPendingRunStore::pending));
    }

    private static PendingRun pending(PendingRunEntity row) {
        return new PendingRun(row.pipelineId, row.trigger, row.queuedAt);
    }
}
