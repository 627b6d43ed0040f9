/**
 * What every plugin type (connector, transform, notifier) says about itself: {@link io.arus.api.plugin.TypeDescriptor}.
 */
@Export
@Version("1.0.0")
package io.arus.api.plugin;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
