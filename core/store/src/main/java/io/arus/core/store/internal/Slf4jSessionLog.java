package io.arus.core.store.internal;

import org.eclipse.persistence.logging.AbstractSessionLog;
import org.eclipse.persistence.logging.SessionLog;
import org.eclipse.persistence.logging.SessionLogEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends EclipseLink's log to SLF4J (EclipseLink's own SLF4J logger lives in an extra bundle). EclipseLink creates
 * it by class name, hence public with a public no-argument constructor.
 */
public final class Slf4jSessionLog extends AbstractSessionLog {
    private static final Logger LOG = LoggerFactory.getLogger("org.eclipse.persistence");

    @Override
    public void log(SessionLogEntry entry) {
        if (!shouldLog(entry.getLevel(), entry.getNameSpace())) {
            return;
        }
        String message = formatMessage(entry);
        Throwable error = entry.getException();
        int level = entry.getLevel();
        if (level >= SessionLog.SEVERE) {
            LOG.error(message, error);
        } else if (level >= SessionLog.WARNING) {
            LOG.warn(message, error);
        } else if (level >= SessionLog.INFO) {
            LOG.info(message, error);
        } else {
            LOG.debug(message, error);
        }
    }
}
