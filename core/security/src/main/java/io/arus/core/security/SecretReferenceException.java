package io.arus.core.security;

/**
 * A secret reference could not be resolved when the secret was needed: a run fails with this message, a connection
 * test answers it. The message names the reference and never holds a secret.
 */
public final class SecretReferenceException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, naming the reference */
    public SecretReferenceException(String message) {
        super(message);
    }
}
