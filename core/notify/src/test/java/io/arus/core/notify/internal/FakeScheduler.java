package io.arus.core.notify.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Runs scheduled work at once, on the caller's thread, and remembers each delay it was asked for. */
final class FakeScheduler implements Scheduler {
    final List<Duration> delays = new ArrayList<>();

    @Override
    public void schedule(Runnable work, Duration delay) {
        delays.add(delay);
        work.run();
    }

    /** @return the delays asked for that were not zero: the waits between attempts */
    List<Duration> waits() {
        return delays.stream().filter(d -> !d.isZero()).toList();
    }
}
