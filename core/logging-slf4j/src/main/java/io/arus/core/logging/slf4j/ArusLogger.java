package io.arus.core.logging.slf4j;

import io.arus.core.logging.LogLevel;
import io.arus.core.logging.LogSink;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** An SLF4J logger that writes through the server's {@link LogSink}, with the thread's diagnostic context. */
final class ArusLogger extends LegacyAbstractLogger {
    private static final long serialVersionUID = 1L;

    ArusLogger(String name) {
        this.name = name;
    }

    @Override
    public boolean isTraceEnabled() {
        return LogSink.get().enabled(name, LogLevel.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
        return LogSink.get().enabled(name, LogLevel.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
        return LogSink.get().enabled(name, LogLevel.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
        return LogSink.get().enabled(name, LogLevel.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
        return LogSink.get().enabled(name, LogLevel.ERROR);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
                                               Throwable error) {
        String message = arguments == null || arguments.length == 0 ? pattern
                : MessageFormatter.basicArrayFormat(pattern, arguments);
        LogSink.get().write(LogLevel.valueOf(level.name()), name, message, error);
    }
}
