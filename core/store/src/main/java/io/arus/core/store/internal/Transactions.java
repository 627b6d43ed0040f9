package io.arus.core.store.internal;

import jakarta.persistence.EntityManager;

/**
 * Runs work in a transaction of the metadata database: the repositories' only way to it.
 *
 * <p>The entities hold foreign keys as plain id columns, without JPA relationships, so EclipseLink does not know
 * that a pipeline row needs its source row first: it orders INSERTs by entity class, not by {@code persist} order.
 * Work that inserts a parent and its children in one transaction flushes after the parent.
 */
public interface Transactions {
    /**
     * Opens an entity manager, runs {@code work} in a transaction, commits, closes. Rolls back when {@code work}
     * throws. Safe to call from any thread. Called again from inside {@code work} (on the same thread), it joins
     * the open transaction: the inner work shares its entity manager, and when it throws, the whole transaction
     * rolls back even if the outer work catches the exception.
     *
     * @return what {@code work} returned
     * @throws E what {@code work} threw
     */
    <T, E extends Exception> T inTransaction(Work<T, E> work) throws E;

    /**
     * Work on one entity manager.
     *
     * @param <T> the result
     * @param <E> the checked exception it may throw, or {@link RuntimeException}
     */
    @FunctionalInterface
    interface Work<T, E extends Exception> {
        /** @return the result */
        T run(EntityManager em) throws E;
    }
}
