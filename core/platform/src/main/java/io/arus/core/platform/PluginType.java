package io.arus.core.platform;

import io.arus.api.connector.Capability;
import io.arus.api.plugin.TypeDescriptor;
import java.util.Objects;
import java.util.Set;

/**
 * A plugin type registered on the whiteboard.
 *
 * @param kind         connector, transform or notifier
 * @param descriptor   what the type says about itself
 * @param capabilities what a connector can do; empty for transforms and notifiers
 * @param bundle       the symbolic name of the bundle that provides it
 * @param bundleId     the id of that bundle
 */
public record PluginType(PluginKind kind, TypeDescriptor descriptor, Set<Capability> capabilities, String bundle,
                         long bundleId) {
    /** Copies the capabilities. */
    public PluginType {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(descriptor, "descriptor");
        capabilities = Set.copyOf(capabilities);
    }

    /** @return the type key, e.g. {@code "postgresql"} */
    public String type() {
        return descriptor.type();
    }
}
