package io.arus.transform.expression.internal;

/** An evaluation went past its time or size limit. Unchecked, so it passes through JEXL to the caller. */
public final class LimitExceededException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message which limit, in words */
    public LimitExceededException(String message) {
        super(message, null, false, false);
    }
}
