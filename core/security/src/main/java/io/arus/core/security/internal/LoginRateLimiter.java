package io.arus.core.security.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed logins per client address in a sliding window. Once the limit is reached, further attempts
 * from that address are refused until the oldest failure leaves the window; a successful login clears it.
 */
final class LoginRateLimiter {
    private final int limit;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Long>> failures = new ConcurrentHashMap<>();

    LoginRateLimiter(int limit, Duration window, Clock clock) {
        this.limit = limit;
        this.window = window;
        this.clock = clock;
    }

    /** @return 0 when the address may try now, otherwise the seconds until it may */
    long retryAfterSeconds(String address) {
        Deque<Long> times = failures.get(key(address));
        if (times == null) {
            return 0;
        }
        synchronized (times) {
            long now = clock.millis();
            prune(times, now);
            if (times.size() < limit) {
                return 0;
            }
            long until = times.peekFirst() + window.toMillis();
            return Math.max(1, (until - now + 999) / 1000);
        }
    }

    void failed(String address) {
        Deque<Long> times = failures.computeIfAbsent(key(address), k -> new ArrayDeque<>());
        synchronized (times) {
            long now = clock.millis();
            prune(times, now);
            times.addLast(now);
        }
        if (failures.size() > 10_000) {
            // bounded memory under a spray of addresses: forget the idle ones
            failures.entrySet().removeIf(e -> {
                synchronized (e.getValue()) {
                    prune(e.getValue(), clock.millis());
                    return e.getValue().isEmpty();
                }
            });
        }
    }

    void succeeded(String address) {
        failures.remove(key(address));
    }

    private void prune(Deque<Long> times, long now) {
        while (!times.isEmpty() && times.peekFirst() <= now - window.toMillis()) {
            times.removeFirst();
        }
    }

    private static String key(String address) {
        return address == null ? "unknown" : address;
    }
}
