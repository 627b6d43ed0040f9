package io.arus.core.notify.internal;

import io.arus.core.store.SettingsStore;
import java.util.Optional;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.http.runtime.HttpServiceRuntime;

/**
 * Links into the console for notifications: {@code <base>/#/runs/<run id>}. The base is the setting
 * {@value #SETTING} (an admin sets it through {@code PUT /api/settings}), else the framework or system property
 * {@value #PROPERTY}, else {@code http://localhost:<port>} with the port the HTTP server bound; with none of them
 * known a notification carries no link.
 */
@Component(service = ConsoleLinks.class)
public final class ConsoleLinks {
    /** The setting that holds the server's public URL, e.g. {@code https://arus.example.com}. */
    static final String SETTING = "arus.public.url";
    /** The framework or system property that holds it when the setting does not: the same name. */
    static final String PROPERTY = SETTING;
    private static final String PORT = "org.osgi.service.http.port";

    private final SettingsStore settings;
    private final String property;

    /** The HTTP runtime's registration carries the port it bound (also when configured as 0). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile ServiceReference<HttpServiceRuntime> http;

    @Activate
    public ConsoleLinks(@Reference SettingsStore settings, BundleContext context) {
        this(settings, context.getProperty(PROPERTY));
    }

    ConsoleLinks(SettingsStore settings, String property) {
        this.settings = settings;
        this.property = property;
    }

    /** @return the console's address without a trailing slash, or null when unknown */
    String base() {
        ServiceReference<HttpServiceRuntime> runtime = http;
        return base(settings.get(SETTING), property, runtime == null ? null : runtime.getProperty(PORT));
    }

    /** @return the run in the console, or null when the console's address is unknown */
    String run(String runId) {
        String base = base();
        return base == null || runId == null ? null : base + "/#/runs/" + runId;
    }

    static String base(Optional<String> setting, String property, Object port) {
        String configured = setting.filter(s -> !s.isBlank()).orElse(property);
        if (configured != null && !configured.isBlank()) {
            String trimmed = configured.strip();
            return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
        }
        String bound = port == null ? "" : port.toString().strip();
        return bound.isEmpty() || "0".equals(bound) ? null : "http://localhost:" + bound;
    }
}
