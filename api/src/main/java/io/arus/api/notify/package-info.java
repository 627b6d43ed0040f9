/**
 * The notifier SPI: a {@link io.arus.api.notify.Notifier} service (property {@code arus.notifier.type}) delivers
 * a {@link io.arus.api.notify.Notification} about a pipeline run to one configured target.
 */
@Export
@Version("1.2.0")
package io.arus.api.notify;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
