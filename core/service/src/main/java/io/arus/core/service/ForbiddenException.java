package io.arus.core.service;

/** The actor's role does not allow the call (the API answers 403). */
public final class ForbiddenException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what was needed, in words */
    public ForbiddenException(String message) {
        super(message);
    }
}
