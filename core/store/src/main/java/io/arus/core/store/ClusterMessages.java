package io.arus.core.store;

import java.util.function.Consumer;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Short messages between the nodes of a cluster, through the metadata database (PostgreSQL {@code NOTIFY} and
 * {@code LISTEN}): what one node publishes on a channel, every node listening on it hears, itself included, in the
 * order published. Outside cluster mode nothing is sent and nothing heard. Delivery is best effort: a node that is
 * not connected when a message goes out never hears it, so messages carry what is live (run progress), never what
 * must not be lost.
 *
 * @since 2.3
 */
@ProviderType
public interface ClusterMessages {
    /** The longest payload, in bytes of UTF-8 (PostgreSQL's limit is 8000, less the channel's name). */
    int MAX_PAYLOAD_BYTES = 7000;

    /** A listener's registration. */
    interface Registration extends AutoCloseable {
        /** Stops listening. */
        @Override
        void close();
    }

    /** @return whether messages go anywhere: cluster mode on a PostgreSQL metadata database */
    boolean enabled();

    /**
     * Sends a message to the nodes listening on the channel, when enabled.
     *
     * @param channel lower-case letters, digits and underscores, at most 63 characters
     * @param payload at most {@link #MAX_PAYLOAD_BYTES} bytes of UTF-8
     * @throws IllegalArgumentException for a bad channel or a payload too long
     */
    void publish(String channel, String payload);

    /**
     * Hears the channel's messages, on a thread of the service's own, until the registration is closed.
     *
     * @param channel  as for {@link #publish}
     * @param listener given each payload; what it throws is logged
     */
    Registration listen(String channel, Consumer<String> listener);
}
