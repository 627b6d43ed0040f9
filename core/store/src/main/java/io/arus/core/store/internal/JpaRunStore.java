package io.arus.core.store.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.arus.core.store.LogFilter;
import io.arus.core.store.Run;
import io.arus.core.store.RunFilter;
import io.arus.core.store.RunLogLine;
import io.arus.core.store.RunModel;
import io.arus.core.store.RunSample;
import io.arus.core.store.RunStatistics;
import io.arus.core.store.RunStatus;
import io.arus.core.store.RunStore;
import io.arus.core.store.RunStream;
import io.arus.core.store.RunTotals;
import jakarta.persistence.PersistenceException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
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
 * Runs in {@code runs}, their counters in {@code run_streams}, their SQL models in {@code run_models}, their logs in
 * {@code run_logs}. Statuses are stored as {@link RunStatus#id()}. Writing streams or logs of a run that does not
 * exist (any more) fails on the foreign key with a {@link PersistenceException}. A run's throughput series is JSON
 * text in {@code runs.series}, read and written on its own (native SQL) so that lists of runs never load it.
 */
@Component(service = RunStore.class)
public final class JpaRunStore implements RunStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<Map<String, Object>>> SAMPLES = new TypeReference<>() {
    };

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
    public List<Run> find(RunFilter filter, int limit, int offset) {
        if (limit < 0 || offset < 0) {
            throw new IllegalArgumentException("limit and offset must not be negative");
        }
        if (limit == 0) {
            return List.of();
        }
        List<String> conditions = new ArrayList<>();
        Map<String, Object> parameters = new LinkedHashMap<>();
        if (filter.pipelineId() != null) {
            conditions.add("r.pipelineId = :pipelineId");
            parameters.put("pipelineId", filter.pipelineId());
        }
        if (filter.status() != null) {
            conditions.add("r.status = :status");
            parameters.put("status", filter.status().id());
        }
        if (filter.trigger() != null) {
            conditions.add("r.trigger = :trigger");
            parameters.put("trigger", filter.trigger());
        }
        if (filter.since() != null) {
            conditions.add("r.createdAt >= :since");
            parameters.put("since", StoredTime.of(filter.since()));
        }
        if (filter.until() != null) {
            conditions.add("r.createdAt < :until");
            parameters.put("until", StoredTime.of(filter.until()));
        }
        StringBuilder query = new StringBuilder("SELECT r FROM RunEntity r");
        if (!conditions.isEmpty()) {
            query.append(" WHERE ").append(String.join(" AND ", conditions));
        }
        query.append(" ORDER BY r.createdAt DESC, r.id DESC");
        return transactions.inTransaction(em -> {
            var typed = em.createQuery(query.toString(), RunEntity.class);
            parameters.forEach(typed::setParameter);
            return typed.setFirstResult(offset).setMaxResults(limit).getResultList().stream()
                    .map(RunEntity::toRecord).toList();
        });
    }

    @Override
    public Map<String, RunTotals> totals(Collection<String> runIds) {
        if (runIds.isEmpty()) {
            // an empty IN list is not valid SQL
            return Map.of();
        }
        List<String> ids = List.copyOf(new java.util.LinkedHashSet<>(runIds));
        return transactions.inTransaction(em -> {
            Map<String, RunTotals> totals = new HashMap<>();
            for (Object[] row : em.createQuery("SELECT s.runId, SUM(s.rowsRead), SUM(s.rowsWritten),"
                    + " SUM(s.rowsDeleted), SUM(s.rowsRejected) FROM RunStreamEntity s WHERE s.runId IN :ids"
                    + " GROUP BY s.runId", Object[].class).setParameter("ids", ids).getResultList()) {
                totals.put((String) row[0], new RunTotals(number(row[1]), number(row[2]), number(row[3]),
                        number(row[4])));
            }
            return totals;
        });
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
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
    public void saveModels(String runId, List<RunModel> models) {
        List<RunModelEntity> rows = new ArrayList<>(models.size());
        for (int i = 0; i < models.size(); i++) {
            rows.add(RunModelEntity.of(runId, i, models.get(i)));
        }
        transactions.inTransaction(em -> {
            if (em.find(RunEntity.class, runId) == null) {
                throw new IllegalArgumentException("no run with id " + runId);
            }
            em.createQuery("DELETE FROM RunModelEntity m WHERE m.runId = :runId").setParameter("runId", runId)
                    .executeUpdate();
            rows.forEach(em::persist);
            return null;
        });
    }

    @Override
    public List<RunModel> models(String runId) {
        return transactions.inTransaction(em -> em
                .createQuery("SELECT m FROM RunModelEntity m WHERE m.runId = :runId ORDER BY m.position",
                        RunModelEntity.class)
                .setParameter("runId", runId).getResultList().stream().map(RunModelEntity::toRecord).toList());
    }

    @Override
    public void saveSeries(String runId, List<RunSample> samples) {
        List<Map<String, Object>> points = new ArrayList<>(samples.size());
        for (RunSample sample : samples) {
            Map<String, Object> point = new LinkedHashMap<>();
            point.put("at", StoredTime.of(sample.at()).toString());
            point.put("rows_read", sample.rowsRead());
            point.put("rows_written", sample.rowsWritten());
            point.put("rows_per_s", sample.rowsPerSecond());
            points.add(point);
        }
        String json;
        try {
            json = JSON.writeValueAsString(points);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        transactions.inTransaction(em -> {
            int updated = em.createNativeQuery("UPDATE runs SET series = ? WHERE id = ?")
                    .setParameter(1, json).setParameter(2, runId).executeUpdate();
            if (updated == 0) {
                throw new IllegalArgumentException("no run with id " + runId);
            }
            return null;
        });
    }

    @Override
    public List<RunSample> series(String runId) {
        List<?> rows = transactions.inTransaction(em -> em.createNativeQuery("SELECT series FROM runs WHERE id = ?")
                .setParameter(1, runId).getResultList());
        if (rows.isEmpty() || rows.get(0) == null) {
            return List.of();
        }
        Object value = rows.get(0);
        String json;
        try {
            json = value instanceof java.sql.Clob clob ? clob.getSubString(1, (int) clob.length()) : value.toString();
            List<RunSample> samples = new ArrayList<>();
            for (Map<String, Object> point : JSON.readValue(json, SAMPLES)) {
                samples.add(new RunSample(Instant.parse((String) point.get("at")), number(point.get("rows_read")),
                        number(point.get("rows_written")), ((Number) point.get("rows_per_s")).doubleValue()));
            }
            return samples;
        } catch (java.sql.SQLException | JsonProcessingException e) {
            throw new IllegalStateException("stored series of run " + runId + " is not readable: " + e.getMessage(), e);
        }
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
    public List<RunLogLine> logs(String runId, LogFilter filter, int limit, int offset) {
        if (limit < 0 || offset < 0) {
            throw new IllegalArgumentException("limit and offset must not be negative");
        }
        if (limit == 0) {
            return List.of();
        }
        String query = "SELECT l FROM RunLogEntity l WHERE l.runId = :runId AND l.level IN :levels"
                + (filter.text() == null ? "" : " AND LOWER(l.message) LIKE :pattern ESCAPE '!'") + " ORDER BY l.id";
        return transactions.inTransaction(em -> {
            var typed = em.createQuery(query, RunLogEntity.class).setParameter("runId", runId)
                    .setParameter("levels", filter.levels());
            if (filter.text() != null) {
                typed.setParameter("pattern", "%" + filter.text().toLowerCase(java.util.Locale.ROOT)
                        .replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
            }
            return typed.setFirstResult(offset).setMaxResults(limit).getResultList().stream()
                    .map(RunLogEntity::toRecord).toList();
        });
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
