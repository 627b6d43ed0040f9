package io.arus.core.notify.internal;

import io.arus.api.config.Config;
import io.arus.api.config.ConfigSpec;
import io.arus.api.notify.Notification;
import io.arus.api.notify.NotificationException;
import io.arus.api.notify.Notifier;
import io.arus.core.notify.TargetSecrets;
import io.arus.core.platform.PluginCatalog;
import io.arus.core.store.NotificationTarget;
import java.util.Map;

/**
 * Sends one notification to a stored target through its notifier type as registered now (a notifier may be
 * replaced between two attempts), with the target's secrets decrypted for the notifier only. Whatever goes wrong
 * comes out as a {@link NotificationException} whose message holds none of the target's secrets.
 */
final class TargetSender {
    private final PluginCatalog catalog;
    private final TargetSecrets secrets;

    TargetSender(PluginCatalog catalog, TargetSecrets secrets) {
        this.catalog = catalog;
        this.secrets = secrets;
    }

    void send(NotificationTarget target, Notification notification) throws NotificationException {
        // retryable: a notifier bundle being replaced is back within seconds
        Notifier notifier = catalog.notifier(target.type()).orElseThrow(() -> new NotificationException(
                "notifier type '" + target.type() + "' is not installed", true, null));
        ConfigSpec spec = notifier.descriptor().config();
        Map<String, Object> clear;
        try {
            clear = secrets.decrypt(target.config());
        } catch (IllegalArgumentException e) {
            throw new NotificationException("the target's secrets cannot be decrypted with this server's key;"
                    + " enter them again", false, null);
        } catch (io.arus.core.security.SecretReferenceException e) {
            // names the reference (an unset variable, a missing file), never a value
            throw new NotificationException(e.getMessage(), false, null);
        }
        try {
            notifier.send(Config.of(spec, clear), notification);
        } catch (NotificationException e) {
            // the cause is dropped: a library's exception may quote a URL or a token
            throw new NotificationException(TargetSecrets.scrub(e.getMessage(), spec, clear), e.isRetryable(), null);
        } catch (RuntimeException e) {
            throw new NotificationException("the notifier failed: " + e.getClass().getSimpleName() + ": "
                    + TargetSecrets.scrub(e.getMessage(), spec, clear), false, null);
        }
    }
}
