package io.arus.core.store;

import java.util.List;
import java.util.Locale;

/**
 * Which lines of a run's log to answer.
 *
 * @param minimumLevel {@code debug}, {@code info}, {@code warn} or {@code error}: that level and the ones above it;
 *                     null for every line
 * @param text         lines containing this, ignoring case; null or empty for every line
 * @since 1.4
 */
public record LogFilter(String minimumLevel, String text) {
    /** The log levels, lowest first. */
    public static final List<String> LEVELS = List.of("debug", "info", "warn", "error");

    /** Every line. */
    public static final LogFilter ALL = new LogFilter(null, null);

    /** @throws IllegalArgumentException for a level not in {@link #LEVELS} */
    public LogFilter {
        if (minimumLevel != null) {
            minimumLevel = minimumLevel.toLowerCase(Locale.ROOT);
            if (!LEVELS.contains(minimumLevel)) {
                throw new IllegalArgumentException("level must be one of " + String.join(", ", LEVELS));
            }
        }
        if (text != null && text.isEmpty()) {
            text = null;
        }
    }

    /** @return the levels a line may have to be answered */
    public List<String> levels() {
        return minimumLevel == null ? LEVELS : LEVELS.subList(LEVELS.indexOf(minimumLevel), LEVELS.size());
    }
}
