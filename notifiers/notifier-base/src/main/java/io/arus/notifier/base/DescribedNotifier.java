package io.arus.notifier.base;

import io.arus.api.config.ConfigSpec;
import io.arus.api.notify.Notifier;
import io.arus.api.plugin.TypeDescriptor;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/**
 * A notifier whose descriptor is a constant, versioned as its bundle: what every built-in notifier type shares.
 * A subclass passes its type and spec to the constructor and implements {@link #send}.
 */
public abstract class DescribedNotifier implements Notifier {
    private final TypeDescriptor descriptor;

    /**
     * @param type        the type key, equal to the {@code @NotifierType} value
     * @param name        the display name
     * @param description one sentence on what it does
     * @param icon        an icon name the console knows
     * @param spec        the target configuration
     */
    protected DescribedNotifier(String type, String name, String description, String icon, ConfigSpec spec) {
        this.descriptor = new TypeDescriptor(type, name, bundleVersion(getClass()), description, icon, spec);
    }

    @Override
    public final TypeDescriptor descriptor() {
        return descriptor;
    }

    /** The version of the subclass's bundle, or "0.0.0" outside OSGi (in unit tests). */
    private static String bundleVersion(Class<?> type) {
        Bundle bundle = FrameworkUtil.getBundle(type);
        return bundle == null ? "0.0.0" : bundle.getVersion().toString();
    }
}
