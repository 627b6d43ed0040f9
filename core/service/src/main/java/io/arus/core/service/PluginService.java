package io.arus.core.service;

import io.arus.core.platform.PluginBundle;
import java.io.InputStream;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The bundles of the server and its drop-in plugins ({@code /api/plugins}, {@code arus:plugin*}): everyone lists;
 * admins install a plugin JAR into the drop-in folder and uninstall drop-in plugins. The drop-in watcher installs
 * and updates within about a second; an uninstall removes the bundle before it returns.
 */
@ProviderType
public interface PluginService {
    /** The largest plugin JAR accepted. */
    long MAX_BYTES = 50L * 1024 * 1024;

    /** @return every bundle and drop-in file, with its state and the reason it failed */
    List<PluginBundle> list();

    /**
     * Puts a plugin JAR into the drop-in folder under a temporary name the watcher ignores, checks it is an OSGi
     * bundle, audits, then renames it into place (the watcher never sees half a file). A file of the same name is
     * replaced: the plugin is updated in place.
     *
     * @param fileName the plain file name it gets (a path is cut to its last part), ending in {@code .jar}
     * @param content  the JAR, at most {@link #MAX_BYTES}; not closed here
     * @throws ForbiddenException                       unless the actor is an admin
     * @throws io.arus.core.model.InvalidModelException naming {@code file} for anything but a bundle JAR of at most
     *                                                  50 MB with a plain name
     */
    InstalledPlugin install(Actor actor, String fileName, InputStream content);

    /**
     * Removes a drop-in plugin: deletes its file and uninstalls its bundle, interrupting an activation that has not
     * finished. Audited before the file goes.
     *
     * @param id the bundle id, or the file name of a drop-in file that never became a bundle
     * @throws ForbiddenException unless the actor is an admin
     * @throws NotFoundException  for an unknown plugin
     * @throws ConflictException  for a bundle that is part of the server, and for one that cannot be removed now
     *                            (its activator does not return even when interrupted)
     */
    PluginBundle uninstall(Actor actor, String id);

    /**
     * @param file     the name it got in the folder
     * @param bytes    its size
     * @param sha256   its SHA-256, hex
     * @param replaced whether a file of that name was there before (the plugin is then updated in place)
     */
    record InstalledPlugin(String file, long bytes, String sha256, boolean replaced) {
    }
}
