package io.arus.core.boot;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
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

    private FrameworkShutdownHook shutdownHook;

    @Override
    public void start(BundleContext context) throws Exception {
        shutdownHook = new FrameworkShutdownHook((Framework) context.getBundle(Constants.SYSTEM_BUNDLE_ID));
        shutdownHook.install();
        Map<String, String> settings = settings(System.getenv(), System.console() != null);
        for (Map.Entry<String, String> setting : settings.entrySet()) {
            // A framework property (a test's bndrun) wins over the environment; it is mirrored into the system
            // properties because some libraries read only those.
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
        return settings;
    }
}
