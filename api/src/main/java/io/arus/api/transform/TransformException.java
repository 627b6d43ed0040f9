package io.arus.api.transform;

/**
 * A step cannot go on at all (its process died, its code raised): the run fails at this batch, whose offset is not
 * stored, so the next run reads it again. A single bad row is a {@link RejectedRow}, not this.
 */
public class TransformException extends Exception {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, for the run log (never a secret) */
    public TransformException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong
     * @param cause   the underlying error
     */
    public TransformException(String message, Throwable cause) {
        super(message, cause);
    }
}
