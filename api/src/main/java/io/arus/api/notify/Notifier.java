package io.arus.api.notify;

import io.arus.api.config.Config;
import io.arus.api.plugin.TypeDescriptor;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A notifier type (Slack, e-mail, webhook...). Register as an OSGi service with the {@value #TYPE_PROPERTY}
 * property, e.g. {@code @Component(service = Notifier.class) @NotifierType("slack")}. A notification target is
 * a configuration of one notifier type; the server calls {@link #send} for every event a pipeline subscribed
 * the target to, retries with backoff on failure, and never fails a run because of it.
 */
@ConsumerType
public interface Notifier {
    /** The service property that names the notifier type. */
    String TYPE_PROPERTY = "arus.notifier.type";

    /** @return the type key, display name, version and target configuration spec */
    TypeDescriptor descriptor();

    /**
     * Delivers one notification. Blocking is fine (the server calls it off the run's threads) but it should
     * time out within about 30 seconds.
     *
     * @param target       the validated target configuration (webhook URL, token...)
     * @param notification what happened
     * @throws NotificationException when delivery failed; {@link NotificationException#isRetryable()} says
     *                               whether trying again may help
     */
    void send(Config target, Notification notification) throws NotificationException;
}
