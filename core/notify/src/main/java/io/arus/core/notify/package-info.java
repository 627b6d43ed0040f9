/**
 * Notifications: when a run fails, succeeds, recovers, fails a quality check or sees a source schema change, the
 * targets its pipeline subscribed to that event hear about it through their notifier
 * ({@link io.arus.api.notify.Notifier}), off the run's threads, with retries, never failing or delaying the run.
 * This package holds what the REST API shares with that dispatcher: how a target's secrets are kept
 * ({@link io.arus.core.notify.TargetSecrets}) and a one-off test delivery
 * ({@link io.arus.core.notify.TestNotifications}).
 */
@Export
@Version("1.0.0")
package io.arus.core.notify;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
