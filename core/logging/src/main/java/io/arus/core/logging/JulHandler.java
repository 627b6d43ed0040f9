package io.arus.core.logging;

import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;

/**
 * The root handler of java.util.logging (Felix, Jetty, CXF, pgjdbc, SPI Fly, JLine, the JDK): each record goes
 * through the {@link LogSink}, so those lines have the server's format.
 */
final class JulHandler extends Handler {
    private final Formatter formatter = new SimpleFormatter();

    @Override
    public void publish(LogRecord record) {
        if (record == null || !isLoggable(record)) {
            return;
        }
        String logger = record.getLoggerName() == null || record.getLoggerName().isEmpty() ? "jul" : record.getLoggerName();
        String message;
        try {
            message = formatter.formatMessage(record);
        } catch (RuntimeException e) {
            message = record.getMessage();
        }
        LogSink.get().write(level(record.getLevel()), logger, message, record.getThrown());
    }

    /** @return the SLF4J level of a java.util.logging level: SEVERE error, WARNING warn, INFO and CONFIG info... */
    static LogLevel level(java.util.logging.Level level) {
        int value = level.intValue();
        if (value >= java.util.logging.Level.SEVERE.intValue()) {
            return LogLevel.ERROR;
        }
        if (value >= java.util.logging.Level.WARNING.intValue()) {
            return LogLevel.WARN;
        }
        if (value >= java.util.logging.Level.CONFIG.intValue()) {
            return LogLevel.INFO;
        }
        if (value >= java.util.logging.Level.FINE.intValue()) {
            return LogLevel.DEBUG;
        }
        return LogLevel.TRACE;
    }

    /** @return the java.util.logging level that lets through what an SLF4J level lets through */
    static java.util.logging.Level julLevel(LogLevel level) {
        return switch (level) {
            case ERROR -> java.util.logging.Level.SEVERE;
            case WARN -> java.util.logging.Level.WARNING;
            case INFO -> java.util.logging.Level.INFO;
            case DEBUG -> java.util.logging.Level.FINE;
            case TRACE -> java.util.logging.Level.ALL;
        };
    }

    @Override
    public void flush() {
        // every line is flushed as it is written
    }

    @Override
    public void close() {
        // the sink outlives the handler
    }
}
