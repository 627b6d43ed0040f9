package io.arus.core.store.internal;

import io.arus.core.store.ConflictException;
import io.arus.core.store.NotificationSubscription;
import io.arus.core.store.NotificationTarget;
import io.arus.core.store.NotificationTargetStore;
import io.arus.core.store.SubscribingPipeline;
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
 * Targets in {@code notification_targets} (configuration as JSON text), subscriptions in
 * {@code pipeline_notifications}, one row per pipeline, target and event. Deleting a target or a pipeline deletes
 * its subscriptions (ON DELETE CASCADE).
 */
@Component(service = NotificationTargetStore.class)
public final class JpaNotificationTargetStore implements NotificationTargetStore {
    private final Transactions transactions;
    private final Clock clock;

    @Activate
    public JpaNotificationTargetStore(@Reference Transactions transactions) {
        this(transactions, Clock.systemUTC());
    }

    JpaNotificationTargetStore(Transactions transactions, Clock clock) {
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public List<NotificationTarget> list() {
        return transactions.inTransaction(em -> em
                .createQuery("SELECT t FROM NotificationTargetEntity t ORDER BY t.name, t.id",
                        NotificationTargetEntity.class)
                .getResultList().stream().map(NotificationTargetEntity::toRecord).toList());
    }

    @Override
    public Optional<NotificationTarget> byId(String id) {
        return transactions.inTransaction(em -> Optional.ofNullable(em.find(NotificationTargetEntity.class, id))
                .map(NotificationTargetEntity::toRecord));
    }

    @Override
    public NotificationTarget create(String name, String type, Map<String, Object> config) throws ConflictException {
        requireNameAndType(name, type);
        String json = ConfigJson.write(config);
        return transactions.inTransaction(em -> {
            checkNameFree(em, name, "");
            NotificationTargetEntity target = new NotificationTargetEntity();
            target.id = UUID.randomUUID().toString();
            target.name = name;
            target.type = type;
            target.config = json;
            target.createdAt = StoredTime.now(clock);
            target.updatedAt = target.createdAt;
            em.persist(target);
            Constraints.flush(em, nameTaken(name));
            return target.toRecord();
        });
    }

    @Override
    public Optional<NotificationTarget> update(String id, String name, String type, Map<String, Object> config)
            throws ConflictException {
        requireNameAndType(name, type);
        String json = ConfigJson.write(config);
        return transactions.inTransaction(em -> {
            NotificationTargetEntity target = em.find(NotificationTargetEntity.class, id);
            if (target == null) {
                return Optional.empty();
            }
            checkNameFree(em, name, id);
            target.name = name;
            target.type = type;
            target.config = json;
            target.updatedAt = StoredTime.now(clock);
            Constraints.flush(em, nameTaken(name));
            return Optional.of(target.toRecord());
        });
    }

    @Override
    public boolean delete(String id) {
        // the database deletes the subscriptions with it
        return transactions.inTransaction(em -> em
                .createQuery("DELETE FROM NotificationTargetEntity t WHERE t.id = :id")
                .setParameter("id", id).executeUpdate() == 1);
    }

    @Override
    public List<NotificationSubscription> subscriptions(String pipelineId) {
        return transactions.inTransaction(em -> Subscriptions.of(em, pipelineId));
    }

    @Override
    public Map<String, List<NotificationSubscription>> allSubscriptions() {
        return transactions.inTransaction(Subscriptions::all);
    }

    @Override
    public void setSubscriptions(String pipelineId, List<NotificationSubscription> subscriptions)
            throws ConflictException {
        Objects.requireNonNull(pipelineId, "pipelineId");
        Map<String, List<String>> events = Subscriptions.normalize(subscriptions);
        transactions.inTransaction(em -> {
            Subscriptions.replace(em, pipelineId, events);
            return null;
        });
    }

    @Override
    public List<SubscribingPipeline> subscribers(String targetId) {
        return transactions.inTransaction(em -> Subscriptions.subscribers(em, targetId));
    }

    private static void checkNameFree(EntityManager em, String name, String exceptId) throws ConflictException {
        long taken = em.createQuery("SELECT COUNT(t) FROM NotificationTargetEntity t WHERE t.name = :name"
                        + " AND t.id <> :id", Long.class)
                .setParameter("name", name).setParameter("id", exceptId).getSingleResult();
        if (taken > 0) {
            throw new ConflictException(nameTaken(name));
        }
    }

    private static String nameTaken(String name) {
        return "notification target name '" + name + "' is taken";
    }

    private static void requireNameAndType(String name, String type) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        Objects.requireNonNull(type, "type");
    }
}
