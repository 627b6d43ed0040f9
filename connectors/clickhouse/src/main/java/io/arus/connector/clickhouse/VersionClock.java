package io.arus.connector.clickhouse;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands out {@code _arus_version} values: nanoseconds since 1970, strictly increasing within this JVM even when
 * the wall clock stands still or steps back. A batch reserves one value per row, so that of two rows with the same
 * key in one batch the later one wins, and a re-delivered batch always outranks what it repeats.
 */
final class VersionClock {
    /** The clock every writer shares, so that two writers on one table never hand out the same version. */
    static final VersionClock SYSTEM = new VersionClock(Clock.systemUTC());

    private final Clock clock;
    private final AtomicLong last = new AtomicLong();

    VersionClock(Clock clock) {
        this.clock = clock;
    }

    /**
     * @param count how many versions
     * @return the first of {@code count} consecutive versions, all greater than any handed out before
     */
    long reserve(int count) {
        while (true) {
            Instant now = clock.instant();
            long nanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
            long previous = last.get();
            long first = Math.max(nanos, previous + 1);
            if (last.compareAndSet(previous, first + Math.max(count, 1) - 1)) {
                return first;
            }
        }
    }
}
