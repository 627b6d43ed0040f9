package io.arus.core.logging;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Logger;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/**
 * Starts first (start level 1): reads the log settings, makes the {@link JulHandler} java.util.logging's only root
 * handler, when the OSGi log service is installed listens to it, and without a terminal turns what is printed on
 * the standard streams into log lines, so that every line the server writes has one format and one destination.
 */
public final class LoggingActivator implements BundleActivator {
    /** java.util.logging keeps loggers weakly: the levels set here stick only while the loggers are held. */
    private final List<Logger> held = new ArrayList<>();
    private final List<Handler> replaced = new ArrayList<>();
    private JulHandler handler;
    private PrintStream out;
    private PrintStream err;
    private AutoCloseable osgiLog;

    @Override
    public void start(BundleContext context) {
        LogSettings settings = LogSink.configure(LogSettings.read(context::getProperty, System.getenv())).settings();
        Logger root = Logger.getLogger("");
        for (Handler existing : root.getHandlers()) {
            root.removeHandler(existing);
            replaced.add(existing);
        }
        handler = new JulHandler();
        root.addHandler(handler);
        root.setLevel(JulHandler.julLevel(settings.level()));
        for (Map.Entry<String, LogLevel> pinned : settings.levels().entrySet()) {
            Logger logger = Logger.getLogger(pinned.getKey());
            logger.setLevel(JulHandler.julLevel(pinned.getValue()));
            held.add(logger);
        }
        // the JDK HTTP client logs headers and bodies at INFO when -Djdk.httpclient.HttpClient.log asks it to
        Logger httpClient = Logger.getLogger("jdk.httpclient.HttpClient");
        httpClient.setLevel(java.util.logging.Level.OFF);
        held.add(httpClient);
        osgiLog = osgiLog(context);
        // without a terminal nobody reads the standard streams but the log: what libraries print there becomes log
        // lines too (with a terminal the Gogo shell talks on them, and they stay as they are)
        if (System.console() == null) {
            out = System.out;
            err = System.err;
            System.setOut(new PrintStream(new LineStream(LogLevel.INFO, "stdout"), true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(new LineStream(LogLevel.WARN, "stderr"), true, StandardCharsets.UTF_8));
        }
    }

    /** Listens to the OSGi log service when its API is wired (it is optional). */
    private static AutoCloseable osgiLog(BundleContext context) {
        try {
            Class.forName("org.osgi.service.log.LogReaderService", false, LoggingActivator.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return () -> { };
        }
        OsgiLogBridge bridge = new OsgiLogBridge(context);
        bridge.open();
        return bridge::close;
    }

    @Override
    public void stop(BundleContext context) throws Exception {
        if (out != null) {
            System.out.flush();
            System.err.flush();
            System.setOut(out);
            System.setErr(err);
        }
        osgiLog.close();
        Logger root = Logger.getLogger("");
        root.removeHandler(handler);
        for (Handler previous : replaced) {
            root.addHandler(previous);
        }
        held.clear();
    }
}
