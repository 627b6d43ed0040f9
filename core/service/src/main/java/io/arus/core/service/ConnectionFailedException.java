package io.arus.core.service;

/**
 * A connector could not do what was asked (discovery failed, the type is not installed): the API answers 502, or
 * 503 when {@link #unavailable()}. The message never holds a secret nor a resolved secret reference.
 */
public final class ConnectionFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final boolean unavailable;

    /**
     * @param message     what failed, secrets scrubbed
     * @param unavailable true when the connector type is not installed, false when the remote end failed
     */
    public ConnectionFailedException(String message, boolean unavailable) {
        super(message);
        this.unavailable = unavailable;
    }

    /** @return whether the connector type is not installed (rather than failing) */
    public boolean unavailable() {
        return unavailable;
    }
}
