package io.arus.core.boot;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.osgi.annotation.bundle.Header;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;

/**
 * Turns {@code ARUS_*} environment variables into the properties the platform bundles read at start, and
 * makes SIGTERM stop the framework cleanly ({@link FrameworkShutdownHook}).
 * <p>
 * The exported jar's run properties are fixed at build time, so the environment must be read inside the JVM.
 * This bundle starts at start level 2, before Jetty, FileInstall and Gogo (level 10), and sets system
 * properties, which Felix's {@code BundleContext.getProperty} falls back to. A property already set as a
 * framework or system property (for example by a test's bndrun) wins over the environment.
 */
@Header(name = Constants.BUNDLE_ACTIVATOR, value = "${@class}")
public final class EnvironmentSettings implements BundleActivator {
    static final String HTTP_PORT = "org.osgi.service.http.port";
    static final String HTTP_HOST = "org.apache.felix.http.host";
    static final String DROPIN_DIR = "felix.fileinstall.dir";
    static final String GOSH_ARGS = "gosh.args";
    /** Gogo's home: a login shell reads its {@code etc/gosh_profile} from there instead of the bundle's. */
    static final String GOSH_HOME = "gosh.home";
    /** Where Arus keeps its files (the embedded metadata database, generated keys). */
    static final String DATA_DIR = "arus.data.dir";
    static final String LOG_LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";

    /**
     * slf4j loggers held at a fixed level whatever {@code ARUS_LOG_LEVEL} says, because at debug or trace they print
     * credentials or rows: Apache HttpClient 5 inside the ClickHouse connector ({@code org.apache.hc.client5.http.headers}
     * prints the Authorization header, {@code .wire} every byte), the ClickHouse client (its settings), the MariaDB
     * driver (packets, the handshake), the MongoDB driver (command documents, authentication conversations),
     * HikariCP (the pool's configuration, a JDBC URL with its password) and EclipseLink (SQL with bound values:
     * password hashes, sealed secrets).
     */
    static final Map<String, String> PINNED_LOGGERS = Map.of(
            "org.apache.hc", "info",
            "com.clickhouse", "info",
            "org.mariadb.jdbc", "info",
            "org.mongodb.driver", "info",
            "com.zaxxer.hikari", "info",
            "org.eclipse.persistence", "info");

    /**
     * java.util.logging loggers held at INFO or above: pgjdbc logs connection properties and statements at FINE and
     * below, and the JDK HTTP client ({@code jdk.httpclient.HttpClient}, used by the notifiers and the ClickHouse
     * connector) logs headers and bodies when {@code -Djdk.httpclient.HttpClient.log} asks it to.
     */
    static final Map<String, java.util.logging.Level> PINNED_JUL_LOGGERS = Map.of(
            "org.postgresql", java.util.logging.Level.INFO,
            "jdk.httpclient.HttpClient", java.util.logging.Level.OFF,
            "org.apache.cxf", java.util.logging.Level.WARNING,
            "org.apache.aries.spifly", java.util.logging.Level.WARNING,
            "org.jline", java.util.logging.Level.WARNING);

    /** Chatty or leaky java.util.logging loggers of libraries, held so the level sticks (JUL keeps loggers weakly). */
    private static final List<java.util.logging.Logger> QUIETED = new ArrayList<>();

    private FrameworkShutdownHook shutdownHook;

    @Override
    public void start(BundleContext context) throws Exception {
        shutdownHook = new FrameworkShutdownHook((Framework) context.getBundle(Constants.SYSTEM_BUNDLE_ID));
        shutdownHook.install();
        Map<String, String> settings = settings(System.getenv(), System.console() != null);
        for (Map.Entry<String, String> setting : settings.entrySet()) {
            // A framework property (a test's bndrun) wins over the environment; it is mirrored into the system
            // properties because some libraries (slf4j-simple) read only those.
            String framework = context.getProperty(setting.getKey());
            if (System.getProperty(setting.getKey()) == null) {
                System.setProperty(setting.getKey(), framework != null ? framework : setting.getValue());
            }
        }
        Files.createDirectories(Path.of(context.getProperty(DROPIN_DIR)));
        OwnerOnlyDirectory.create(Path.of(context.getProperty(DATA_DIR)));
        String shellHome = context.getProperty(GOSH_HOME);
        if (shellHome != null && settings.containsKey(GOSH_HOME)) {
            Path profile = Path.of(shellHome, "etc", "gosh_profile");
            Files.createDirectories(profile.getParent());
            Files.writeString(profile, "# Written by Arus: without a terminal the shell has no session, banner or prompt.\n");
        }
        for (Map.Entry<String, java.util.logging.Level> pinned : PINNED_JUL_LOGGERS.entrySet()) {
            java.util.logging.Logger logger = java.util.logging.Logger.getLogger(pinned.getKey());
            logger.setLevel(pinned.getValue());
            QUIETED.add(logger);
        }
    }

    @Override
    public void stop(BundleContext context) {
        // the properties were read by the other bundles at their start: nothing to undo there
        shutdownHook.uninstall();
    }

    /**
     * The properties for an environment.
     *
     * @param env         the environment variables
     * @param interactive whether a terminal is attached (then the Gogo prompt is live)
     * @return property name to value
     */
    static Map<String, String> settings(Map<String, String> env, boolean interactive) {
        Function<String, String> get = name -> {
            String value = env.get(name);
            return value == null || value.isBlank() ? null : value.trim();
        };
        Map<String, String> settings = new LinkedHashMap<>();
        String port = get.apply("ARUS_HTTP_PORT");
        if (port != null) {
            int number;
            try {
                number = Integer.parseInt(port);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("ARUS_HTTP_PORT must be a port number, not '" + port + "'");
            }
            if (number < 0 || number > 65_535) {
                throw new IllegalArgumentException("ARUS_HTTP_PORT must be between 0 and 65535, not " + number);
            }
            settings.put(HTTP_PORT, Integer.toString(number));
        } else {
            settings.put(HTTP_PORT, "8080");
        }
        String host = get.apply("ARUS_HTTP_HOST");
        if (host != null) {
            settings.put(HTTP_HOST, host);
        }
        String dropin = get.apply("ARUS_PLUGINS_DIR");
        settings.put(DROPIN_DIR, Path.of(dropin == null ? "plugins-dropin" : dropin).toAbsolutePath().normalize().toString());
        String data = get.apply("ARUS_DATA_DIR");
        settings.put(DATA_DIR, Path.of(data == null ? "data" : data).toAbsolutePath().normalize().toString());
        // Without a terminal (a service manager, stdin from /dev/null) the shell must neither block nor stop the
        // framework when its input ends (STACK.md pitfall 6), and prints no banner and no prompt into the log: no
        // interactive session, and a login profile of its own without the banner (the bundle's needs a terminal).
        // The shell's commands stay available to the shell services (arus:* through a CommandProcessor).
        if (interactive) {
            settings.put(GOSH_ARGS, "");
        } else {
            settings.put(GOSH_ARGS, "--nointeractive --noshutdown");
            settings.put(GOSH_HOME, Path.of(settings.get(DATA_DIR), "shell").toString());
        }
        // One line per event, with time and logger: what a service manager's journal wants.
        String level = get.apply("ARUS_LOG_LEVEL");
        settings.put(LOG_LEVEL, level == null ? "info" : level.toLowerCase(java.util.Locale.ROOT));
        String logFile = get.apply("ARUS_LOG_FILE");
        settings.put("org.slf4j.simpleLogger.logFile", logFile == null ? "System.err" : logFile);
        settings.put("org.slf4j.simpleLogger.showDateTime", "true");
        settings.put("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
        settings.put("org.slf4j.simpleLogger.showThreadName", "false");
        settings.put("org.slf4j.simpleLogger.showShortLogName", "true");
        settings.put("org.slf4j.simpleLogger.log.org.apache.cxf", "warn");
        settings.put("org.slf4j.simpleLogger.log.org.eclipse.jetty", "warn");
        settings.put("org.slf4j.simpleLogger.log.org.apache.aries", "warn");
        // Whatever ARUS_LOG_LEVEL says: at debug these print credentials or rows (issue 12 item 7).
        for (Map.Entry<String, String> pinned : PINNED_LOGGERS.entrySet()) {
            settings.put("org.slf4j.simpleLogger.log." + pinned.getKey(), pinned.getValue());
        }
        return settings;
    }
}
