package io.arus.core.store.internal;

import io.arus.core.store.Run;
import io.arus.core.store.RunLogLine;
import io.arus.core.store.RunStatistics;
import io.arus.core.store.RunStatus;
import io.arus.core.store.RunStore;
import io.arus.core.store.RunStream;
import jakarta.persistence.PersistenceException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Runs in {@code runs}, their counters in {@code run_streams}, their logs in {@code run_logs}. Statuses are stored
 * as {@link RunStatus#id()}. Writing streams or logs of a run that does not exist (any more) fails on the foreign
 * key with a {@link PersistenceException}.
 */
@Component(service = RunStore.class)
public final class JpaRunStore implements RunStore {
    private final Transactions transactions;
    private final Clock clock;

    @Activate
    public JpaRunStore(@Reference Transactions transactions) {
        this(transactions, Clock.systemUTC());
    }

    JpaRunStore(Transactions transactions, Clock clock) {
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public Run create(String pipelineId, String trigger) {
        Objects.requireNonNull(trigger, "trigger");
        return transactions.inTransaction(em -> {
            if (em.find(PipelineEntity.class, pipelineId) == null) {
                throw new IllegalArgumentException("no pipeline with id " + pipelineId);
            }
            RunEntity run = new RunEntity();
            run.id = UUID.randomUUID().toString();
            run.pipelineId = pipelineId;
            run.status = RunStatus.QUEUED.id();
            run.trigger = trigger;
            run.createdAt = StoredTime.now(clock);
            em.persist(run);
            return run.toRecord();
        });
    }

    @Override
    public Optional<Run> byId(String id) {
        return transactions.inTransaction(em -> Optional.ofNullable(em.find(RunEntity.class, id))
                .map(RunEntity::toRecord));
    }

    @Override
    public List<Run> list(String pipelineId, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative");
        }
        if (limit == 0) {
            // JPA reads a maximum of 0 as "no maximum"
            return List.of();
        }
        return transactions.inTransaction(em -> em
                .createQuery("SELECT r FROM RunEntity r WHERE r.pipelineId = :pipelineId"
                        + " ORDER BY r.createdAt DESC, r.id DESC", RunEntity.class)
                .setParameter("pipelineId", pipelineId).setMaxResults(limit)
                .getResultList().stream().map(RunEntity::toRecord).toList());
    }

    @Override
    public Map<String, Run> latestByPipeline() {
        List<RunEntity> newest = transactions.inTransaction(em -> em
                .createQuery("SELECT r FROM RunEntity r WHERE r.createdAt = (SELECT MAX(n.createdAt) FROM RunEntity n"
                        + " WHERE n.pipelineId = r.pipelineId)", RunEntity.class)
                .getResultList());
        Map<String, Run> latest = new HashMap<>();
        for (RunEntity entity : newest) {
            // two runs created in the same microsecond: the larger id wins, as in list()
            latest.merge(entity.pipelineId, entity.toRecord(), (a, b) -> a.id().compareTo(b.id()) >= 0 ? a : b);
        }
        return latest;
    }

    @Override
    public List<Run> recent(int limit) {
        if (limit <= 0) {
            return List.of();
        }
        return transactions.inTransaction(em -> em
                .createQuery("SELECT r FROM RunEntity r ORDER BY r.createdAt DESC, r.id DESC", RunEntity.class)
                .setMaxResults(limit)
                .getResultList().stream().map(RunEntity::toRecord).toList());
    }

    @Override
    public List<Run> withStatus(List<RunStatus> statuses) {
        if (statuses.isEmpty()) {
            // an empty IN list is not valid SQL
            return List.of();
        }
        List<String> ids = statuses.stream().map(RunStatus::id).distinct().toList();
        return transactions.inTransaction(em -> em
                .createQuery("SELECT r FROM RunEntity r WHERE r.status IN :statuses ORDER BY r.createdAt, r.id",
                        RunEntity.class)
                .setParameter("statuses", ids).getResultList().stream().map(RunEntity::toRecord).toList());
    }

    /**
     * A null {@code error} keeps the stored one; nothing is ever cleared, so a paused and resumed run keeps its
     * first start.
     *
     * @throws IllegalArgumentException when there is no such run
     */
    @Override
    public void setStatus(String runId, RunStatus status, String error, Instant at) {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(at, "at");
        transactions.inTransaction(em -> {
            RunEntity run = em.find(RunEntity.class, runId);
            if (run == null) {
                throw new IllegalArgumentException("no run with id " + runId);
            }
            run.status = status.id();
            if (status == RunStatus.RUNNING && run.startedAt == null) {
                run.startedAt = StoredTime.of(at);
            }
            if (status.isFinal()) {
                run.endedAt = StoredTime.of(at);
            }
            if (error != null) {
                run.error = error;
            }
            return null;
        });
    }

    @Override
    public void saveStream(RunStream stream) {
        Objects.requireNonNull(stream.status(), "status");
        RunStreamEntity row = RunStreamEntity.of(stream);
        Upserts.merge(transactions, row);
    }

    @Override
    public List<RunStream> streams(String runId) {
        return transactions.inTransaction(em -> em
                .createQuery("SELECT s FROM RunStreamEntity s WHERE s.runId = :runId ORDER BY s.stream",
                        RunStreamEntity.class)
                .setParameter("runId", runId).getResultList().stream().map(RunStreamEntity::toRecord).toList());
    }

    @Override
    public void log(String runId, Instant at, String level, String message) {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(message, "message");
        transactions.inTransaction(em -> {
            RunLogEntity line = new RunLogEntity();
            line.runId = runId;
            line.at = StoredTime.of(at);
            line.level = level;
            line.message = message;
            em.persist(line);
            return null;
        });
    }

    @Override
    public List<RunLogLine> logs(String runId, long afterId, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative");
        }
        if (limit == 0) {
            return List.of();
        }
        return transactions.inTransaction(em -> em
                .createQuery("SELECT l FROM RunLogEntity l WHERE l.runId = :runId AND l.id > :afterId ORDER BY l.id",
                        RunLogEntity.class)
                .setParameter("runId", runId).setParameter("afterId", afterId).setMaxResults(limit)
                .getResultList().stream().map(RunLogEntity::toRecord).toList());
    }

    @Override
    public RunStatistics statistics(Instant statusSince, Instant rowsSince, int slowestLimit) {
        return transactions.inTransaction(em -> {
            Map<String, Long> byStatus = new LinkedHashMap<>();
            for (Object[] row : em.createQuery("SELECT r.status, COUNT(r) FROM RunEntity r WHERE r.createdAt >= :since"
                    + " GROUP BY r.status", Object[].class).setParameter("since", StoredTime.of(statusSince)).getResultList()) {
                byStatus.put((String) row[0], ((Number) row[1]).longValue());
            }
            Map<LocalDate, Long> perDay = new TreeMap<>();
            for (Object[] row : em.createQuery("SELECT r.endedAt, SUM(s.rowsWritten) FROM RunEntity r, RunStreamEntity s"
                    + " WHERE s.runId = r.id AND r.endedAt >= :since GROUP BY r.id, r.endedAt", Object[].class)
                    .setParameter("since", StoredTime.of(rowsSince)).getResultList()) {
                LocalDate day = ((Instant) row[0]).atZone(ZoneOffset.UTC).toLocalDate();
                perDay.merge(day, ((Number) row[1]).longValue(), Long::sum);
            }
            List<RunStatistics.SlowStream> slowest = slowestLimit <= 0 ? List.of() : em.createQuery(
                    "SELECT s.runId, r.pipelineId, s.stream, s.durationMs, s.rowsWritten FROM RunEntity r, RunStreamEntity s"
                            + " WHERE s.runId = r.id AND r.endedAt >= :since ORDER BY s.durationMs DESC, s.runId, s.stream",
                    Object[].class).setParameter("since", StoredTime.of(rowsSince)).setMaxResults(slowestLimit)
                    .getResultList().stream().map(row -> new RunStatistics.SlowStream((String) row[0], (String) row[1],
                            (String) row[2], ((Number) row[3]).longValue(), ((Number) row[4]).longValue())).toList();
            return new RunStatistics(byStatus, perDay, slowest);
        });
    }
}
