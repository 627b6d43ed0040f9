package io.arus.core.service.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arus.core.store.AuditEntry;
import io.arus.core.store.AuditLog;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

class TransactionsTest {
    private final List<String> posted = new CopyOnWriteArrayList<>();
    private final Transactions transactions = new Transactions(new PassThroughAudit());

    TransactionsTest() {
        transactions.events = new EventAdmin() {
            @Override
            public void postEvent(Event event) {
                posted.add((String) event.getProperty("name"));
            }

            @Override
            public void sendEvent(Event event) {
                postEvent(event);
            }
        };
    }

    private static Event event(String name) {
        return new Event("arus/test/CHANGED", Map.of("name", name));
    }

    @Test
    void postsEventsOnlyOnceTheOutermostTransactionCommitsInTheOrderOfTheCalls() {
        transactions.atomically(() -> {
            transactions.atomically(() -> {
                transactions.post(event("first"));
                return null;
            });
            assertThat(posted).as("an inner commit is no commit").isEmpty();
            transactions.post(event("second"));
            return null;
        });

        assertThat(posted).containsExactly("first", "second");
    }

    @Test
    void postsNothingWhenTheTransactionRollsBackEvenForCallsThatWentThrough() {
        assertThatThrownBy(() -> transactions.atomically(() -> {
            transactions.atomically(() -> {
                transactions.post(event("created"));
                return null;
            });
            throw new IllegalStateException("the second change fails");
        })).hasMessage("the second change fails");

        assertThat(posted).isEmpty();
        transactions.atomically(() -> {
            transactions.post(event("later"));
            return null;
        });
        assertThat(posted).as("a failed transaction leaves nothing behind on the thread").containsExactly("later");
    }

    @Test
    void postsAtOnceOutsideAnyTransaction() {
        transactions.post(event("alone"));

        assertThat(posted).containsExactly("alone");
    }

    /** Runs the change as the store would, without a database: what is tested here is the events' timing. */
    private static final class PassThroughAudit implements AuditLog {
        @Override
        public AuditEntry record(String actor, String action, String target, String detail, String clientAddress) {
            return null;
        }

        @Override
        public <T, E extends Exception> T atomically(Change<T, E> change) throws E {
            return change.run();
        }

        @Override
        public List<AuditEntry> list(int limit, int offset) {
            return List.of();
        }
    }
}
