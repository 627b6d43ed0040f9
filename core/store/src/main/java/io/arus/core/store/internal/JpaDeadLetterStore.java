package io.arus.core.store.internal;

import io.arus.core.store.DeadLetter;
import io.arus.core.store.DeadLetterStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Dead letters in {@code dead_letters}, the values as JSON text. Numbers with a fraction come back as BigDecimal
 * with every digit, whole numbers as Integer, Long or BigInteger: a replayed NUMERIC value is the value that was
 * rejected.
 */
@Component(service = DeadLetterStore.class)
public final class JpaDeadLetterStore implements DeadLetterStore {
    private final Transactions transactions;
    private final Clock clock;

    @Activate
    public JpaDeadLetterStore(@Reference Transactions transactions) {
        this(transactions, Clock.systemUTC());
    }

    JpaDeadLetterStore(Transactions transactions, Clock clock) {
        this.transactions = transactions;
        this.clock = clock;
    }

    /** @throws IllegalArgumentException when a value is not JSON-friendly */
    @Override
    public DeadLetter add(String runId, String pipelineId, String stream, String reason, Map<String, Object> values) {
        return store(runId, pipelineId, stream, reason, values, null, null);
    }

    @Override
    public DeadLetter add(String runId, String pipelineId, String stream, String reason, Map<String, Object> values,
                          int stepIndex, String stepType) {
        return store(runId, pipelineId, stream, reason, values, stepIndex, Objects.requireNonNull(stepType, "stepType"));
    }

    private DeadLetter store(String runId, String pipelineId, String stream, String reason, Map<String, Object> values,
                             Integer stepIndex, String stepType) {
        DeadLetterEntity letter = new DeadLetterEntity();
        letter.stepIndex = stepIndex;
        letter.stepType = stepType;
        letter.id = UUID.randomUUID().toString();
        letter.runId = Objects.requireNonNull(runId, "runId");
        letter.pipelineId = Objects.requireNonNull(pipelineId, "pipelineId");
        letter.stream = Objects.requireNonNull(stream, "stream");
        letter.reason = Objects.requireNonNull(reason, "reason");
        letter.valuesJson = ConfigJson.write(values);
        letter.createdAt = StoredTime.now(clock);
        return transactions.inTransaction(em -> {
            em.persist(letter);
            return letter.toRecord();
        });
    }

    @Override
    public List<DeadLetter> byRun(String runId, int limit, int offset) {
        if (limit < 0 || offset < 0) {
            throw new IllegalArgumentException("limit and offset must not be negative");
        }
        if (limit == 0) {
            // JPA reads a maximum of 0 as "no maximum"
            return List.of();
        }
        return transactions.inTransaction(em -> em
                .createQuery("SELECT d FROM DeadLetterEntity d WHERE d.runId = :runId ORDER BY d.createdAt, d.id",
                        DeadLetterEntity.class)
                .setParameter("runId", runId).setFirstResult(offset).setMaxResults(limit)
                .getResultList().stream().map(DeadLetterEntity::toRecord).toList());
    }

    @Override
    public List<DeadLetter> pending(String pipelineId, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative");
        }
        if (limit == 0) {
            return List.of();
        }
        return transactions.inTransaction(em -> em
                .createQuery("SELECT d FROM DeadLetterEntity d WHERE d.pipelineId = :pipelineId"
                        + " AND d.replayedAt IS NULL ORDER BY d.createdAt, d.id", DeadLetterEntity.class)
                .setParameter("pipelineId", pipelineId).setMaxResults(limit)
                .getResultList().stream().map(DeadLetterEntity::toRecord).toList());
    }

    @Override
    public Optional<DeadLetter> byId(String id) {
        return transactions.inTransaction(em -> Optional.ofNullable(em.find(DeadLetterEntity.class, id))
                .map(DeadLetterEntity::toRecord));
    }

    /** @throws IllegalArgumentException when there is no such dead letter */
    @Override
    public void rejectedAgain(String id, String reason, int stepIndex, String stepType) {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(stepType, "stepType");
        int updated = transactions.inTransaction(em -> em
                .createQuery("UPDATE DeadLetterEntity d SET d.reason = :reason, d.stepIndex = :step, d.stepType = :type"
                        + " WHERE d.id = :id")
                .setParameter("reason", reason).setParameter("step", stepIndex).setParameter("type", stepType)
                .setParameter("id", id).executeUpdate());
        if (updated == 0) {
            throw new IllegalArgumentException("no dead letter with id " + id);
        }
    }

    @Override
    public void replayed(String id, Instant at) {
        Objects.requireNonNull(at, "at");
        int updated = transactions.inTransaction(em -> em
                .createQuery("UPDATE DeadLetterEntity d SET d.replayedAt = :at WHERE d.id = :id")
                .setParameter("at", StoredTime.of(at)).setParameter("id", id).executeUpdate());
        if (updated == 0) {
            throw new IllegalArgumentException("no dead letter with id " + id);
        }
    }

    @Override
    public long count(String runId) {
        return transactions.inTransaction(em -> em
                .createQuery("SELECT COUNT(d) FROM DeadLetterEntity d WHERE d.runId = :runId", Long.class)
                .setParameter("runId", runId).getSingleResult());
    }
}
