package io.arus.core.notify.internal;

import java.time.Duration;

/** Runs work later, on a thread of its own: the dispatcher's executor, or a fake in tests. */
@FunctionalInterface
interface Scheduler {
    /**
     * @param work  what to run; a failure it throws is logged, never rethrown
     * @param delay how long from now
     */
    void schedule(Runnable work, Duration delay);
}
