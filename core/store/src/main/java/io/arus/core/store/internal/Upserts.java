package io.arus.core.store.internal;

import jakarta.persistence.PersistenceException;

/** Inserts or replaces rows by primary key, each in one short transaction. */
final class Upserts {
    private Upserts() {
    }

    /**
     * Merges {@code row} (a detached entity with its key set): an UPDATE when the key exists, else an INSERT.
     *
     * @throws PersistenceException when a constraint other than the key refuses it
     */
    static void merge(Transactions transactions, Object row) {
        try {
            write(transactions, row);
        } catch (PersistenceException e) {
            // another node inserted the same new key between our read and our insert: now it is an update
            if (!Constraints.isUniqueViolation(e)) {
                throw e;
            }
            write(transactions, row);
        }
    }

    private static void write(Transactions transactions, Object row) {
        transactions.inTransaction(em -> {
            // merge copies the row into the persistence context, so the same row can be written again on a retry
            em.merge(row);
            em.flush();
            return null;
        });
    }
}
