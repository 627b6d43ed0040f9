package io.arus.core.platform;

import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The watcher of the drop-in folder: it installs, starts, updates and uninstalls the bundles of the folder's JAR
 * files. It starts bundles on threads of their own with a time limit, so one plugin whose activator never returns
 * does not hold up the others, and it is supervised: if its thread dies it is restarted.
 */
@ProviderType
public interface DropinWatcher {
    /**
     * @return why the folder is not being watched right now (the watcher thread died and is about to be
     *         restarted); empty while it runs
     */
    Optional<String> outage();

    /**
     * Takes a plugin out of the drop-in folder: deletes its file and uninstalls its bundle. An activation still
     * running is interrupted first.
     *
     * @param file a plain file name of the folder
     * @return false when there was neither such a file nor a bundle installed from it
     * @throws PluginBusyException when the bundle cannot be removed now, e.g. its activator does not return even
     *                             when interrupted; the message says why
     * @throws java.io.IOException when the file cannot be deleted
     */
    boolean remove(String file) throws PluginBusyException, java.io.IOException;
}
