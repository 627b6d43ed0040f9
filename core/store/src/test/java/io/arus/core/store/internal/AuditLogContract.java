package io.arus.core.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arus.core.store.AuditEntry;
import io.arus.core.store.AuditLog;
import io.arus.core.store.ConflictException;
import io.arus.core.store.Role;
import io.arus.core.store.User;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link AuditLog} does, on the database of the subclass. */
abstract class AuditLogContract extends DatabaseTest {
    AuditLog log;

    @BeforeEach
    void createLog() {
        log = new JpaAuditLog(persistence, clock);
    }

    @Test
    void recordStampsTheEntryNowAndKeepsEveryField() {
        AuditEntry entry = log.record("alice", "source.create", "source:42", "created pg-main", "10.0.0.7");

        assertThat(entry.id()).hasSize(36);
        assertThat(entry.at()).isEqualTo(clock.instant());
        assertThat(entry).extracting(AuditEntry::actor, AuditEntry::action, AuditEntry::target, AuditEntry::detail,
                AuditEntry::clientAddress).containsExactly("alice", "source.create", "source:42", "created pg-main",
                "10.0.0.7");
        assertThat(log.list(10, 0)).containsExactly(entry);
    }

    @Test
    void keepsOptionalFieldsEmpty() {
        AuditEntry entry = log.record("system", "server.start", null, null, null);

        assertThat(log.list(1, 0)).containsExactly(entry);
        assertThat(entry.target()).isNull();
    }

    @Test
    void listsNewestFirstPageByPage() {
        for (int i = 0; i < 5; i++) {
            log.record("alice", "action." + i, null, null, null);
            clock.advance(Duration.ofMillis(1));
        }

        assertThat(log.list(2, 0)).extracting(AuditEntry::action).containsExactly("action.4", "action.3");
        assertThat(log.list(2, 2)).extracting(AuditEntry::action).containsExactly("action.2", "action.1");
        assertThat(log.list(2, 4)).extracting(AuditEntry::action).containsExactly("action.0");
        assertThat(log.list(2, 6)).isEmpty();
        assertThat(log.list(0, 0)).isEmpty();
        assertThat(log.list(100, 0)).hasSize(5);
    }

    @Test
    void anAtomicChangeLandsWithItsEntry() throws ConflictException {
        JpaUserStore users = new JpaUserStore(persistence, clock);

        User created = log.atomically(() -> {
            User user = users.create("alice", "h", Role.VIEWER);
            log.record("admin", "user.create", "user:" + user.id(), null, null);
            return user;
        });

        assertThat(users.byId(created.id())).contains(created);
        assertThat(log.list(10, 0)).extracting(AuditEntry::target).containsExactly("user:" + created.id());
    }

    @Test
    void anAtomicChangeThatFailsLeavesNeitherTheChangeNorTheEntry() {
        JpaUserStore users = new JpaUserStore(persistence, clock);

        assertThatThrownBy(() -> log.atomically(() -> {
            User user = users.create("alice", "h", Role.VIEWER);
            log.record("admin", "user.create", "user:" + user.id(), null, null);
            throw new IllegalStateException("the effect failed");
        })).hasMessage("the effect failed");

        assertThat(users.list()).isEmpty();
        assertThat(log.list(10, 0)).isEmpty();
    }

    @Test
    void aFailedPartCaughtInsideAnAtomicChangeStillRollsItBack() {
        JpaUserStore users = new JpaUserStore(persistence, clock);

        assertThatThrownBy(() -> log.atomically(() -> {
            users.create("alice", "h", Role.VIEWER);
            try {
                users.create("ALICE", "h", Role.VIEWER);
            } catch (ConflictException expected) {
                // swallowed: the transaction must still not commit half of the work
            }
            log.record("admin", "user.create", null, null, null);
            return null;
        })).isInstanceOf(RuntimeException.class);

        assertThat(users.list()).isEmpty();
        assertThat(log.list(10, 0)).isEmpty();
    }

    @Test
    void refusesANegativePage() {
        assertThatThrownBy(() -> log.list(-1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> log.list(1, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
