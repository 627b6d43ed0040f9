package io.arus.core.platform;

import java.util.List;

/**
 * A bundle of the running server, or a file of the drop-in folder that could not become one.
 *
 * @param id           the bundle id, or -1 for a drop-in file that is not installed
 * @param symbolicName the Bundle-SymbolicName, or the file name when there is none
 * @param version      the bundle version, or empty
 * @param state        {@code active}, {@code resolved}, {@code installed}, {@code starting}, {@code stopping},
 *                     or {@code not_installed} for a drop-in file that is not a bundle
 * @param location     where it was installed from
 * @param file         the file name, for bundles installed from a file
 * @param dropin       whether it came from the drop-in folder
 * @param services     the Arus plugin types it provides, as {@code kind:type}, e.g. {@code connector:generator}
 * @param failed       whether it failed: unresolvable, not a bundle, refused (same symbolic name and version as an
 *                     installed bundle), an activator or component that threw, or an activation that did not
 *                     finish in time
 * @param error        why it failed, or why it is not active; {@code null} when all is well
 */
public record PluginBundle(long id, String symbolicName, String version, String state, String location, String file,
                           boolean dropin, List<String> services, boolean failed, String error) {
    /** Copies the services. */
    public PluginBundle {
        services = List.copyOf(services);
    }
}
