package io.arus.core.logging;

import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Listens to the OSGi log service (what SCR, Event Admin and the framework's events log) and writes each entry
 * through the {@link LogSink}, under the logger name the entry has, or its bundle's symbolic name.
 */
final class OsgiLogBridge extends ServiceTracker<LogReaderService, LogReaderService> implements LogListener {
    OsgiLogBridge(BundleContext context) {
        super(context, LogReaderService.class, null);
    }

    @Override
    public LogReaderService addingService(ServiceReference<LogReaderService> reference) {
        LogReaderService reader = super.addingService(reference);
        if (reader != null) {
            reader.addLogListener(this);
        }
        return reader;
    }

    @Override
    public void removedService(ServiceReference<LogReaderService> reference, LogReaderService reader) {
        reader.removeLogListener(this);
        super.removedService(reference, reader);
    }

    @Override
    public void logged(LogEntry entry) {
        String name = entry.getLoggerName();
        if (name == null || name.isEmpty() || name.equals("LogService")) {
            name = entry.getBundle() == null || entry.getBundle().getSymbolicName() == null ? "osgi"
                    : entry.getBundle().getSymbolicName();
        }
        LogLevel level = switch (entry.getLogLevel()) {
            case AUDIT, INFO -> LogLevel.INFO;
            case ERROR -> LogLevel.ERROR;
            case WARN -> LogLevel.WARN;
            case DEBUG -> LogLevel.DEBUG;
            case TRACE -> LogLevel.TRACE;
        };
        // bundle, service and framework events are logged as entries too: below a warning they are debug noise
        if (name.startsWith("Events.") && !level.reaches(LogLevel.WARN)) {
            level = LogLevel.DEBUG;
        }
        LogSink.get().write(level, name, entry.getMessage(), entry.getException(), Map.of());
    }
}
