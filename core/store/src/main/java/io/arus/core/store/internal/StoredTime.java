package io.arus.core.store.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Instants as the database keeps them: both H2 and PostgreSQL store microseconds, so a record returned by a write
 * equals the one a later read returns only when its instants are cut to microseconds first.
 */
final class StoredTime {
    private StoredTime() {
    }

    /** @return now, to the microsecond */
    static Instant now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** @return {@code instant} to the microsecond, or null */
    static Instant of(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
    }
}
