/**
 * What the server knows about its plugins: the connector, transform and notifier types on the service registry
 * ({@link io.arus.core.platform.PluginCatalog}) and the bundles that provide them, with the reason a plugin failed
 * ({@link io.arus.core.platform.PluginInventory}), and the watcher of the drop-in folder
 * ({@link io.arus.core.platform.DropinWatcher}). Used by the REST API and the shell; not part of the SPI.
 */
@Export
@Version("1.2.0")
package io.arus.core.platform;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
