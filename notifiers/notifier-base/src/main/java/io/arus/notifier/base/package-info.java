/**
 * What Arus' built-in notifiers share. A notifier bundle turns a {@link io.arus.api.notify.Notification} into its
 * channel's message, using {@link io.arus.notifier.base.RunSummary} for the facts as readable text and
 * {@link io.arus.notifier.base.JsonObject} for the JSON body, and posts it with
 * {@link io.arus.notifier.base.HttpDelivery}, which applies the timeouts, tells retryable failures from permanent
 * ones and keeps secrets out of every message. Only the channel's markup lives in the notifier bundle.
 */
@Export
@Version("1.0.0")
package io.arus.notifier.base;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
