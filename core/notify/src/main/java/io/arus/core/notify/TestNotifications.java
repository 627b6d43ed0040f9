package io.arus.core.notify;

import io.arus.core.store.NotificationTarget;
import org.osgi.annotation.versioning.ProviderType;

/** Sends a test notification to a target, so that a user sees at once whether its configuration works. */
@ProviderType
public interface TestNotifications {
    /**
     * Sends one notification saying it is a test through the target's notifier, now, on the caller's thread, and
     * once: a test is not retried.
     *
     * @param target a stored target (secrets encrypted, as the store keeps them)
     * @return whether it was delivered, and why not; never a secret of the target
     */
    TestOutcome send(NotificationTarget target);
}
