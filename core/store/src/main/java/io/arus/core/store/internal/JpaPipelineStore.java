package io.arus.core.store.internal;

import io.arus.core.store.ConflictException;
import io.arus.core.store.Pipeline;
import io.arus.core.store.PipelineStore;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Pipelines in {@code pipelines}, the definition as JSON text, the upstreams in {@code pipeline_dependencies}.
 * A save that would close a dependency cycle is refused.
 */
@Component(service = PipelineStore.class)
public final class JpaPipelineStore implements PipelineStore {
    private final Transactions transactions;
    private final Clock clock;

    @Activate
    public JpaPipelineStore(@Reference Transactions transactions) {
        this(transactions, Clock.systemUTC());
    }

    JpaPipelineStore(Transactions transactions, Clock clock) {
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public List<Pipeline> list() {
        return transactions.inTransaction(em -> {
            Map<String, List<String>> upstreams = PipelineDependencies.all(em);
            return em.createQuery("SELECT p FROM PipelineEntity p ORDER BY p.name, p.id", PipelineEntity.class)
                    .getResultList().stream()
                    .map(pipeline -> pipeline.toRecord(upstreams.getOrDefault(pipeline.id, List.of()))).toList();
        });
    }

    @Override
    public Optional<Pipeline> byId(String id) {
        return transactions.inTransaction(em -> Optional.ofNullable(em.find(PipelineEntity.class, id))
                .map(pipeline -> pipeline.toRecord(PipelineDependencies.of(em, id))));
    }

    @Override
    public Pipeline create(Pipeline pipeline) throws ConflictException {
        requireNameAndConnections(pipeline);
        String definition = ConfigJson.write(pipeline.definition());
        List<String> upstreams = PipelineDependencies.normalize(pipeline.dependsOn());
        return transactions.inTransaction(em -> {
            PipelineEntity entity = new PipelineEntity();
            entity.id = UUID.randomUUID().toString();
            entity.createdAt = StoredTime.now(clock);
            write(em, entity, pipeline, definition);
            em.persist(entity);
            // the dependency rows reference it: it must be inserted first (see Transactions)
            flush(em, pipeline);
            PipelineDependencies.replace(em, entity.id, upstreams);
            return entity.toRecord(upstreams);
        });
    }

    @Override
    public Optional<Pipeline> update(Pipeline pipeline) throws ConflictException {
        requireNameAndConnections(pipeline);
        String definition = ConfigJson.write(pipeline.definition());
        List<String> upstreams = PipelineDependencies.normalize(pipeline.dependsOn());
        return transactions.inTransaction(em -> {
            PipelineEntity entity = em.find(PipelineEntity.class, pipeline.id());
            if (entity == null) {
                return Optional.empty();
            }
            write(em, entity, pipeline, definition);
            flush(em, pipeline);
            PipelineDependencies.replace(em, entity.id, upstreams);
            return Optional.of(entity.toRecord(upstreams));
        });
    }

    @Override
    public boolean delete(String id) {
        return transactions.inTransaction(em -> {
            // dead_letters is the one table without a foreign key to pipelines, so no ON DELETE CASCADE: the
            // database deletes runs (with their streams and logs), offsets, dependencies and subscriptions
            em.createQuery("DELETE FROM DeadLetterEntity d WHERE d.pipelineId = :id")
                    .setParameter("id", id).executeUpdate();
            return em.createQuery("DELETE FROM PipelineEntity p WHERE p.id = :id")
                    .setParameter("id", id).executeUpdate() == 1;
        });
    }

    /** Checks the name and the connections, then copies every field but id and createdAt. */
    private void write(EntityManager em, PipelineEntity entity, Pipeline pipeline, String definition)
            throws ConflictException {
        long taken = em.createQuery("SELECT COUNT(p) FROM PipelineEntity p WHERE p.name = :name AND p.id <> :id",
                        Long.class)
                .setParameter("name", pipeline.name()).setParameter("id", entity.id).getSingleResult();
        if (taken > 0) {
            throw new ConflictException(nameTaken(pipeline));
        }
        if (em.find(SourceEntity.class, pipeline.sourceId()) == null) {
            throw new ConflictException("source " + pipeline.sourceId() + " does not exist");
        }
        if (em.find(DestinationEntity.class, pipeline.destinationId()) == null) {
            throw new ConflictException("destination " + pipeline.destinationId() + " does not exist");
        }
        entity.name = pipeline.name();
        entity.sourceId = pipeline.sourceId();
        entity.destinationId = pipeline.destinationId();
        entity.definition = definition;
        entity.enabled = pipeline.enabled();
        entity.scheduleCron = pipeline.scheduleCron();
        entity.scheduleTimezone = pipeline.scheduleTimezone();
        entity.updatedAt = StoredTime.now(clock);
    }

    /** Flushes the pipeline row; the constraints still refuse what another transaction changed since the checks. */
    private static void flush(EntityManager em, Pipeline pipeline) throws ConflictException {
        Constraints.flush(em, nameTaken(pipeline), "source " + pipeline.sourceId() + " or destination "
                + pipeline.destinationId() + " does not exist");
    }

    private static String nameTaken(Pipeline pipeline) {
        return "pipeline name '" + pipeline.name() + "' is taken";
    }

    private static void requireNameAndConnections(Pipeline pipeline) {
        Objects.requireNonNull(pipeline, "pipeline");
        if (pipeline.name() == null || pipeline.name().isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        Objects.requireNonNull(pipeline.sourceId(), "sourceId");
        Objects.requireNonNull(pipeline.destinationId(), "destinationId");
    }
}
