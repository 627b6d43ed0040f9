package io.arus.core.engine.internal;

import java.util.concurrent.atomic.AtomicReference;

/** The stop signal of a run, checked at every batch boundary. */
final class RunControl {
    /** Why a run stops early. */
    enum Stop { CANCELLED, INTERRUPTED }

    private final AtomicReference<Stop> stop = new AtomicReference<>();
    private volatile String detail;

    void stop(Stop why) {
        stop.compareAndSet(null, why);
    }

    /** Stops with the words the run's error will carry. */
    void stop(Stop why, String detail) {
        if (stop.compareAndSet(null, why)) {
            this.detail = detail;
        }
    }

    /** @return why the run stopped in words, or null for a plain cancel or server stop */
    String detail() {
        return detail;
    }

    boolean isStopped() {
        return stop.get() != null;
    }

    Stop reason() {
        return stop.get();
    }
}
