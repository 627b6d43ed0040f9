package io.arus.core.service.internal;

import io.arus.core.service.ServiceTransaction;
import io.arus.core.store.AuditLog;
import java.util.ArrayList;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/**
 * The services' transaction: {@link AuditLog#atomically} joins the store calls; this holds the change events of
 * the calls made inside it, per thread, and posts them once the outermost one committed.
 */
@Component(service = {ServiceTransaction.class, Transactions.class})
public final class Transactions implements ServiceTransaction {
    private final AuditLog audit;
    private final ThreadLocal<Pending> pending = new ThreadLocal<>();

    /** Change events go here while an EventAdmin is registered. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile EventAdmin events;

    @Activate
    public Transactions(@Reference AuditLog audit) {
        this.audit = audit;
    }

    /** The events held on one thread, and how deep in nested transactions it is. */
    private static final class Pending {
        int depth;
        final List<Event> events = new ArrayList<>();
    }

    @Override
    public <T, E extends Exception> T atomically(AuditLog.Change<T, E> change) throws E {
        Pending current = pending.get();
        if (current == null) {
            current = new Pending();
            pending.set(current);
        }
        current.depth++;
        boolean committed = false;
        try {
            T result = audit.atomically(change);
            committed = true;
            return result;
        } finally {
            // an inner call that failed held no event: each call posts only once its change went through
            current.depth--;
            if (current.depth == 0) {
                pending.remove();
                if (committed) {
                    current.events.forEach(this::send);
                }
            }
        }
    }

    /**
     * Runs a change of the stores in the services' transaction, a store's refusal (a name taken, a missing
     * reference) turned into the service's {@link io.arus.core.service.ConflictException}.
     */
    <T> T storing(AuditLog.Change<T, io.arus.core.store.ConflictException> change) {
        try {
            return atomically(change);
        } catch (io.arus.core.store.ConflictException e) {
            throw new io.arus.core.service.ConflictException(e.getMessage());
        }
    }

    /** Posts the event after the outermost transaction on this thread commits, or now outside any. */
    void post(Event event) {
        Pending current = pending.get();
        if (current != null && current.depth > 0) {
            current.events.add(event);
        } else {
            send(event);
        }
    }

    private void send(Event event) {
        EventAdmin target = events;
        if (target != null) {
            target.postEvent(event);
        }
    }
}
