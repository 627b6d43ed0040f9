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

/**
 * Turns {@code ARUS_*} environment variables into the properties the platform bundles read at start.
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

    @Override
    public void start(BundleContext context) throws Exception {
        Map<String, String> settings = settings(System.getenv(), System.console() != null);
        for (Map.Entry<String, String> setting : settings.entrySet()) {
            if (context.getProperty(setting.getKey()) == null) {
                System.setProperty(setting.getKey(), setting.getValue());
            }
        }
        Files.createDirectories(Path.of(context.getProperty(DROPIN_DIR)));
    }

    @Override
    public void stop(BundleContext context) {
        // nothing to undo: the properties were read by the other bundles at their start
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
        // Without a terminal (a service manager, stdin from /dev/null) the shell must neither block nor stop the
        // framework when its input ends (STACK.md pitfall 6).
        settings.put(GOSH_ARGS, interactive ? "" : "--noshutdown");
        return settings;
    }
}
