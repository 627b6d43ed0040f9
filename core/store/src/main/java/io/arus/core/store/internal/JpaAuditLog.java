package io.arus.core.store.internal;

import io.arus.core.store.AuditEntry;
import io.arus.core.store.AuditLog;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The audit log in {@code audit_log}. */
@Component(service = AuditLog.class)
public final class JpaAuditLog implements AuditLog {
    private final Transactions transactions;
    private final Clock clock;

    @Activate
    public JpaAuditLog(@Reference Transactions transactions) {
        this(transactions, Clock.systemUTC());
    }

    JpaAuditLog(Transactions transactions, Clock clock) {
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public AuditEntry record(String actor, String action, String target, String detail, String clientAddress) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        return transactions.inTransaction(em -> {
            AuditEntryEntity entry = new AuditEntryEntity();
            entry.id = UUID.randomUUID().toString();
            entry.at = StoredTime.now(clock);
            entry.actor = actor;
            entry.action = action;
            entry.target = target;
            entry.detail = detail;
            entry.clientAddress = clientAddress;
            em.persist(entry);
            return entry.toRecord();
        });
    }

    @Override
    public <T, E extends Exception> T atomically(Change<T, E> change) throws E {
        return transactions.inTransaction(em -> change.run());
    }

    @Override
    public List<AuditEntry> list(int limit, int offset) {
        if (limit < 0 || offset < 0) {
            throw new IllegalArgumentException("limit and offset must not be negative");
        }
        if (limit == 0) {
            // JPA reads a maximum of 0 as "no maximum"
            return List.of();
        }
        return transactions.inTransaction(em -> em
                .createQuery("SELECT a FROM AuditEntryEntity a ORDER BY a.at DESC, a.id DESC", AuditEntryEntity.class)
                .setFirstResult(offset).setMaxResults(limit)
                .getResultList().stream().map(AuditEntryEntity::toRecord).toList());
    }
}
