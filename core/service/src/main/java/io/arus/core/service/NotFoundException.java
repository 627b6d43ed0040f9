package io.arus.core.service;

/** No pipeline, source, destination or notification target has the id (the API answers 404). */
public final class NotFoundException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what is missing, such as {@code no pipeline 1f0c...} */
    public NotFoundException(String message) {
        super(message);
    }
}
