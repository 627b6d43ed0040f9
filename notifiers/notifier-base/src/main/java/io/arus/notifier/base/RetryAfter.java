package io.arus.notifier.base;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads an answer's {@code Retry-After} header: a number of seconds, or an HTTP date. */
final class RetryAfter {
    private static final Pattern SECONDS = Pattern.compile("\\d{1,9}(\\.\\d{1,6})?");

    private RetryAfter() {
    }

    static Optional<Duration> of(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(value -> parse(value, Clock.systemUTC()));
    }

    static Optional<Duration> parse(String value, Clock clock) {
        String text = value.strip();
        if (SECONDS.matcher(text).matches()) {
            // Discord sends fractions of a second ("0.5"); round up so that waiting that long is enough
            return Optional.of(Duration.ofMillis((long) Math.ceil(Double.parseDouble(text) * 1000)));
        }
        try {
            ZonedDateTime when = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration wait = Duration.between(clock.instant(), when.toInstant());
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException notDate) {
            return Optional.empty();
        }
    }
}
