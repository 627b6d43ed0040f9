package io.arus.core.security.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts login attempts per client address in a sliding window. An attempt is counted before its password is
 * checked ({@link #attempt}), so that parallel requests cannot all slip through before the first failure is
 * written: of any number of attempts at once, at most {@code limit} get a password check. Once the limit is
 * reached, further attempts from that address are refused until the oldest counted one leaves the window. A
 * successful login takes back its own attempt and the failures counted against the same account, and only those:
 * the failures against other accounts from that address keep counting.
 */
final class LoginRateLimiter {
    private final int limit;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Attempt>> attempts = new ConcurrentHashMap<>();

    LoginRateLimiter(int limit, Duration window, Clock clock) {
        this.limit = limit;
        this.window = window;
        this.clock = clock;
    }

    /** One counted attempt: when, and against which account (lower case). */
    private record Attempt(long at, String account) {
    }

    /**
     * Counts an attempt, or refuses it when the address used up its attempts.
     *
     * @param account the username tried
     * @return 0 when the attempt was counted and its password may be checked, otherwise the seconds until the
     *         address may try again (nothing was counted)
     */
    long attempt(String address, String account) {
        long[] wait = {0};
        attempts.compute(key(address), (k, times) -> {
            Deque<Attempt> counted = times == null ? new ArrayDeque<>() : times;
            long now = clock.millis();
            prune(counted, now);
            if (counted.size() >= limit) {
                wait[0] = Math.max(1, (counted.peekFirst().at() + window.toMillis() - now + 999) / 1000);
            } else {
                counted.addLast(new Attempt(now, account(account)));
            }
            return counted;
        });
        if (attempts.size() > 10_000) {
            forgetIdle();
        }
        return wait[0];
    }

    /** The account's password was right: its own attempts from this address stop counting, no one else's. */
    void succeeded(String address, String account) {
        String name = account(account);
        attempts.computeIfPresent(key(address), (k, times) -> {
            times.removeIf(a -> a.account().equals(name));
            return times.isEmpty() ? null : times;
        });
    }

    /** Bounded memory under a spray of addresses: forget those without an attempt in the window. */
    private void forgetIdle() {
        long now = clock.millis();
        attempts.keySet().forEach(address -> attempts.computeIfPresent(address, (k, times) -> {
            prune(times, now);
            return times.isEmpty() ? null : times;
        }));
    }

    private void prune(Deque<Attempt> times, long now) {
        while (!times.isEmpty() && times.peekFirst().at() <= now - window.toMillis()) {
            times.removeFirst();
        }
    }

    private static String key(String address) {
        return address == null ? "unknown" : address;
    }

    private static String account(String username) {
        return username == null ? "" : username.toLowerCase(Locale.ROOT);
    }
}
