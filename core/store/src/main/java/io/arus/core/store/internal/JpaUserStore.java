package io.arus.core.store.internal;

import io.arus.core.store.ConflictException;
import io.arus.core.store.Role;
import io.arus.core.store.User;
import io.arus.core.store.UserStore;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Users in {@code users}; the username's lower-case form is the unique key. */
@Component(service = UserStore.class)
public final class JpaUserStore implements UserStore {
    private final Transactions transactions;
    private final Clock clock;

    @Activate
    public JpaUserStore(@Reference Transactions transactions) {
        this(transactions, Clock.systemUTC());
    }

    JpaUserStore(Transactions transactions, Clock clock) {
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public List<User> list() {
        return transactions.inTransaction(em -> em
                .createQuery("SELECT u FROM UserEntity u ORDER BY u.usernameKey", UserEntity.class)
                .getResultList().stream().map(UserEntity::toRecord).toList());
    }

    @Override
    public Optional<User> byId(String id) {
        return transactions.inTransaction(em -> Optional.ofNullable(em.find(UserEntity.class, id))
                .map(UserEntity::toRecord));
    }

    @Override
    public Optional<User> byUsername(String username) {
        return transactions.inTransaction(em -> findByKey(em, key(username)).map(UserEntity::toRecord));
    }

    @Override
    public User create(String username, String passwordHash, Role role) throws ConflictException {
        Objects.requireNonNull(passwordHash, "passwordHash");
        return insert(username, passwordHash, role, null, null, "username '" + username + "' is taken");
    }

    @Override
    public Optional<User> byIdentity(String issuer, String subject) {
        return transactions.inTransaction(em -> em.createQuery(
                        "SELECT u FROM UserEntity u WHERE u.identityIssuer = :issuer AND u.identitySubject = :subject",
                        UserEntity.class)
                .setParameter("issuer", issuer).setParameter("subject", subject)
                .getResultStream().findFirst().map(UserEntity::toRecord));
    }

    @Override
    public User createLinked(String username, Role role, String issuer, String subject) throws ConflictException {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(subject, "subject");
        return insert(username, NO_PASSWORD, role, issuer, subject, "username '" + username + "' or its identity is taken");
    }

    /** Stores a new user; {@code issuer} and {@code subject} are null for a user who signs in with a password. */
    private User insert(String username, String passwordHash, Role role, String issuer, String subject, String taken)
            throws ConflictException {
        if (username == null || username.isBlank()) {
            throw new IllegalArgumentException("username must not be blank");
        }
        Objects.requireNonNull(role, "role");
        return transactions.inTransaction(em -> {
            if (findByKey(em, key(username)).isPresent()) {
                throw new ConflictException(taken);
            }
            UserEntity user = new UserEntity();
            user.id = UUID.randomUUID().toString();
            user.username = username;
            user.usernameKey = key(username);
            user.passwordHash = passwordHash;
            user.role = role.id();
            user.identityIssuer = issuer;
            user.identitySubject = subject;
            user.createdAt = StoredTime.now(clock);
            user.updatedAt = user.createdAt;
            em.persist(user);
            Constraints.flush(em, taken);
            return user.toRecord();
        });
    }

    @Override
    public Optional<User> update(String id, String passwordHash, Role role) {
        return transactions.inTransaction(em -> {
            UserEntity user = em.find(UserEntity.class, id);
            if (user == null) {
                return Optional.empty();
            }
            if (passwordHash != null) {
                user.passwordHash = passwordHash;
            }
            if (role != null) {
                user.role = role.id();
            }
            user.updatedAt = StoredTime.now(clock);
            return Optional.of(user.toRecord());
        });
    }

    @Override
    public boolean raiseTokenVersion(String id) {
        // one UPDATE: two nodes raising it at once both count, and no node can lower it
        return transactions.inTransaction(em -> em
                .createQuery("UPDATE UserEntity u SET u.tokenVersion = u.tokenVersion + 1 WHERE u.id = :id")
                .setParameter("id", id).executeUpdate() == 1);
    }

    @Override
    public boolean delete(String id) {
        // the database deletes the user's API and refresh tokens (ON DELETE CASCADE)
        return transactions.inTransaction(em -> em.createQuery("DELETE FROM UserEntity u WHERE u.id = :id")
                .setParameter("id", id).executeUpdate() == 1);
    }

    @Override
    public long count(Role role) {
        return transactions.inTransaction(em -> em
                .createQuery("SELECT COUNT(u) FROM UserEntity u WHERE u.role = :role", Long.class)
                .setParameter("role", role.id()).getSingleResult());
    }

    private static Optional<UserEntity> findByKey(EntityManager em, String usernameKey) {
        return em.createQuery("SELECT u FROM UserEntity u WHERE u.usernameKey = :key", UserEntity.class)
                .setParameter("key", usernameKey).getResultStream().findFirst();
    }

    private static String key(String username) {
        return username.toLowerCase(Locale.ROOT);
    }
}
