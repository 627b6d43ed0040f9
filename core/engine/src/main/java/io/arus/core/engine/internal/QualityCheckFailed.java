package io.arus.core.engine.internal;

/** A quality check set to fail did: the stream fails (its rows stay; the results are stored with the run). */
final class QualityCheckFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    QualityCheckFailed(String message) {
        super(message);
    }
}
