package io.arus.core.logging;

/** The levels of the server's log, least to most severe. */
public enum LogLevel {
    TRACE, DEBUG, INFO, WARN, ERROR;

    /** @return whether a line of this level gets through a threshold of {@code threshold} */
    public boolean reaches(LogLevel threshold) {
        return compareTo(threshold) >= 0;
    }
}
