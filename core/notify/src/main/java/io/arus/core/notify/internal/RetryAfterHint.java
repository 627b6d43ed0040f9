package io.arus.core.notify.internal;

import io.arus.api.notify.NotificationException;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long a receiver asked to wait before the next try, as a notifier reports it. The SPI's exception has no
 * field for it (yet); the built-in notifiers' shared HTTP delivery words a 429 as
 * {@code "... answered HTTP 429 (rate limited, retry after 30 s)"}, and that wording is read here.
 */
final class RetryAfterHint {
    private static final Pattern WAIT = Pattern.compile("retry after (\\d{1,9}) (s|ms)\\b");

    private RetryAfterHint() {
    }

    /** @return the wait the failure's message asks for, if it asks for one */
    static Optional<Duration> of(NotificationException failure) {
        String message = failure.getMessage();
        if (message == null) {
            return Optional.empty();
        }
        Matcher matcher = WAIT.matcher(message);
        if (!matcher.find()) {
            return Optional.empty();
        }
        long amount = Long.parseLong(matcher.group(1));
        return Optional.of("s".equals(matcher.group(2)) ? Duration.ofSeconds(amount) : Duration.ofMillis(amount));
    }
}
