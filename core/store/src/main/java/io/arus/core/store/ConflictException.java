package io.arus.core.store;

/** A write would break a uniqueness rule or a reference (a taken name, a connection still in use). */
public class ConflictException extends Exception {
    private static final long serialVersionUID = 1L;

    /** @param message what conflicts, in words a user can act on */
    public ConflictException(String message) {
        super(message);
    }
}
