package io.arus.core.store.internal;

import io.arus.core.store.ConflictException;
import io.arus.core.store.Connection;
import io.arus.core.store.ConnectionKind;
import io.arus.core.store.ConnectionStore;
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

/** Sources in {@code sources}, destinations in {@code destinations}; configurations as JSON text. */
@Component(service = ConnectionStore.class)
public final class JpaConnectionStore implements ConnectionStore {
    private final Transactions transactions;
    private final Clock clock;

    @Activate
    public JpaConnectionStore(@Reference Transactions transactions) {
        this(transactions, Clock.systemUTC());
    }

    JpaConnectionStore(Transactions transactions, Clock clock) {
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public List<Connection> list(ConnectionKind kind) {
        return transactions.inTransaction(em -> em
                .createQuery("SELECT c FROM " + ConnectionEntity.entityName(kind) + " c ORDER BY c.name, c.id",
                        ConnectionEntity.class)
                .getResultList().stream().map(ConnectionEntity::toRecord).toList());
    }

    @Override
    public Optional<Connection> byId(ConnectionKind kind, String id) {
        return transactions.inTransaction(em -> Optional.ofNullable(em.find(ConnectionEntity.entityClass(kind), id))
                .map(ConnectionEntity::toRecord));
    }

    @Override
    public Connection create(ConnectionKind kind, String name, String type, Map<String, Object> config,
                             String createdBy) throws ConflictException {
        requireNameAndType(name, type);
        String json = ConfigJson.write(config);
        return transactions.inTransaction(em -> {
            checkNameFree(em, kind, name, "");
            ConnectionEntity connection = ConnectionEntity.of(kind);
            connection.id = UUID.randomUUID().toString();
            connection.name = name;
            connection.type = type;
            connection.config = json;
            connection.createdBy = createdBy;
            connection.createdAt = StoredTime.now(clock);
            connection.updatedAt = connection.createdAt;
            em.persist(connection);
            Constraints.flush(em, nameTaken(kind, name));
            return connection.toRecord();
        });
    }

    @Override
    public Optional<Connection> update(ConnectionKind kind, String id, String name, String type,
                                       Map<String, Object> config) throws ConflictException {
        requireNameAndType(name, type);
        String json = ConfigJson.write(config);
        return transactions.inTransaction(em -> {
            ConnectionEntity connection = em.find(ConnectionEntity.entityClass(kind), id);
            if (connection == null) {
                return Optional.empty();
            }
            checkNameFree(em, kind, name, id);
            connection.name = name;
            connection.type = type;
            connection.config = json;
            connection.updatedAt = StoredTime.now(clock);
            Constraints.flush(em, nameTaken(kind, name));
            return Optional.of(connection.toRecord());
        });
    }

    @Override
    public boolean delete(ConnectionKind kind, String id) throws ConflictException {
        String column = kind == ConnectionKind.SOURCE ? "sourceId" : "destinationId";
        return transactions.inTransaction(em -> {
            ConnectionEntity connection = em.find(ConnectionEntity.entityClass(kind), id);
            if (connection == null) {
                return false;
            }
            List<String> users = em
                    .createQuery("SELECT p.name FROM PipelineEntity p WHERE p." + column + " = :id ORDER BY p.name",
                            String.class)
                    .setParameter("id", id).getResultList();
            if (!users.isEmpty()) {
                throw new ConflictException(kind.id() + " '" + connection.name + "' is used by pipeline(s) "
                        + String.join(", ", users));
            }
            em.remove(connection);
            // the pipelines' foreign key still refuses when a pipeline started using it since the check above
            Constraints.flush(em, kind.id() + " '" + connection.name + "' is used by a pipeline");
            return true;
        });
    }

    private static void checkNameFree(EntityManager em, ConnectionKind kind, String name, String exceptId)
            throws ConflictException {
        long taken = em.createQuery("SELECT COUNT(c) FROM " + ConnectionEntity.entityName(kind)
                        + " c WHERE c.name = :name AND c.id <> :id", Long.class)
                .setParameter("name", name).setParameter("id", exceptId).getSingleResult();
        if (taken > 0) {
            throw new ConflictException(nameTaken(kind, name));
        }
    }

    private static String nameTaken(ConnectionKind kind, String name) {
        return kind.id() + " name '" + name + "' is taken";
    }

    private static void requireNameAndType(String name, String type) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        Objects.requireNonNull(type, "type");
    }
}
