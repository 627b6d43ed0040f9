package io.arus.core.store.internal;

import io.arus.core.store.ConflictException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import java.sql.SQLException;

/** Turns a violated constraint into a {@link ConflictException}, for writes that raced a check. */
final class Constraints {
    // SQLSTATEs, the same in H2 and PostgreSQL
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String FOREIGN_KEY_VIOLATION = "23503";
    // H2 only: a row refers to a parent that does not exist (for a parent still referred to it says 23503 too)
    private static final String PARENT_MISSING = "23506";

    private Constraints() {
    }

    /**
     * Flushes pending writes.
     *
     * @param conflict the message when a unique constraint or a foreign key is violated
     * @throws ConflictException when one is
     */
    static void flush(EntityManager em, String conflict) throws ConflictException {
        flush(em, conflict, conflict);
    }

    /**
     * Flushes pending writes.
     *
     * @param taken   the message when a unique constraint is violated
     * @param missing the message when a foreign key is violated
     * @throws ConflictException when one is
     */
    static void flush(EntityManager em, String taken, String missing) throws ConflictException {
        try {
            em.flush();
        } catch (PersistenceException e) {
            if (isUniqueViolation(e)) {
                throw new ConflictException(taken);
            }
            if (hasState(e, FOREIGN_KEY_VIOLATION) || hasState(e, PARENT_MISSING)) {
                throw new ConflictException(missing);
            }
            throw e;
        }
    }

    /** @return whether a unique violation is among the causes */
    static boolean isUniqueViolation(Throwable error) {
        return hasState(error, UNIQUE_VIOLATION);
    }

    private static boolean hasState(Throwable error, String state) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException sql && state.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
