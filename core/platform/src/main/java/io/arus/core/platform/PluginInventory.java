package io.arus.core.platform;

import java.nio.file.Path;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** The bundles of the running server and the files of the drop-in folder, with the reason any of them failed. */
@ProviderType
public interface PluginInventory {
    /** @return every bundle (system bundle included), then drop-in files that are not bundles; by id */
    List<PluginBundle> bundles();

    /** @return the folder watched for plugin JARs */
    Path dropinFolder();
}
