package io.arus.core.engine.internal;

import java.util.concurrent.atomic.AtomicReference;

/** The stop signal of a run, checked at every batch boundary. */
final class RunControl {
    /** Why a run stops early. */
    enum Stop { CANCELLED, INTERRUPTED }

    private final AtomicReference<Stop> stop = new AtomicReference<>();

    void stop(Stop why) {
        stop.compareAndSet(null, why);
    }

    boolean isStopped() {
        return stop.get() != null;
    }

    Stop reason() {
        return stop.get();
    }
}
