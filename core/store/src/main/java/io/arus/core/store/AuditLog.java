package io.arus.core.store;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** The audit log: who changed what, when, from where. Append-only. */
@ProviderType
public interface AuditLog {
    /** Appends an entry stamped now. Never pass a secret in {@code detail}. */
    AuditEntry record(String actor, String action, String target, String detail, String clientAddress);

    /**
     * Runs a change of the metadata database and its audit entry as one transaction: every call {@code change}
     * makes on this thread to a service of this package (its {@link #record} included) joins that transaction, so
     * the change and its entry land together or not at all. An effect outside the metadata database (a run
     * started, a file written, rows sent to a destination) cannot join: record its entry before it instead.
     *
     * @return what {@code change} returned
     * @throws E what {@code change} threw; nothing of it is kept then
     * @since 1.3
     */
    <T, E extends Exception> T atomically(Change<T, E> change) throws E;

    /**
     * @param limit  at most this many
     * @param offset skip this many (newest first)
     * @return entries, newest first
     */
    List<AuditEntry> list(int limit, int offset);

    /**
     * A change made through the stores, with its {@link AuditLog#record} call.
     *
     * @param <T> what it returns
     * @param <E> the checked exception it may throw, or {@link RuntimeException}
     * @since 1.3
     */
    @FunctionalInterface
    interface Change<T, E extends Exception> {
        /** @return the result */
        T run() throws E;
    }
}
