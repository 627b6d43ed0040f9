package io.arus.core.engine.internal;

/** More rows were rejected than the pipeline's error threshold allows: the run fails. */
final class ErrorThresholdExceeded extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ErrorThresholdExceeded(String message) {
        super(message);
    }
}
