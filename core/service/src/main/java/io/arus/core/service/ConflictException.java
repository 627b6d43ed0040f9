package io.arus.core.service;

/**
 * The change clashes with what is stored (the API answers 409): a name already taken, a source still used by a
 * pipeline, a pipeline already running.
 */
public final class ConflictException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message the clash, in words */
    public ConflictException(String message) {
        super(message);
    }
}
