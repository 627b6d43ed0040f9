package io.arus.core.notify.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Runs work due now at once and keeps the work scheduled for later, as a server that stops before it is due. */
final class StoppingScheduler implements Scheduler {
    final List<Duration> dropped = new ArrayList<>();

    @Override
    public void schedule(Runnable work, Duration delay) {
        if (delay.isZero()) {
            work.run();
        } else {
            dropped.add(delay);
        }
    }
}
