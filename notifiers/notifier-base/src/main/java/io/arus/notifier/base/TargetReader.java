package io.arus.notifier.base;

import io.arus.api.config.Config;
import io.arus.api.config.ConfigException;
import io.arus.api.notify.NotificationException;

/**
 * Reads a notifier's typed target from its configuration, checking what the spec cannot (a web URL, an e-mail
 * address): {@code TelegramTarget chat = TargetReader.read(config, TelegramTarget::from)}.
 *
 * @param <T> the typed target
 */
@FunctionalInterface
public interface TargetReader<T> {
    /**
     * @param config the target configuration
     * @return the typed target
     * @throws ConfigException naming the offending field, never quoting a secret
     */
    T from(Config config) throws ConfigException;

    /**
     * @param config the target configuration
     * @param reader how to read it
     * @param <T>    the typed target
     * @return the typed target
     * @throws NotificationException a permanent failure with the configuration problem as message
     */
    static <T> T read(Config config, TargetReader<T> reader) throws NotificationException {
        try {
            return reader.from(config);
        } catch (ConfigException e) {
            throw DeliveryFailure.invalidTarget(e);
        }
    }
}
