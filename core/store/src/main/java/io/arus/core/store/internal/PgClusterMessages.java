package io.arus.core.store.internal;

import io.arus.core.store.ClusterMessages;
import io.arus.core.store.MetadataDatabase;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ClusterMessages} on PostgreSQL: {@code pg_notify} through the store's pool to publish, and one connection
 * of its own, outside the pool (a pooled one would be recycled under the listener), that {@code LISTEN}s and polls
 * the driver for notifications on a daemon thread. When that connection breaks, it reconnects after a few seconds;
 * what was published meanwhile is not heard.
 */
@Component(service = ClusterMessages.class)
public final class PgClusterMessages implements ClusterMessages {
    private static final Logger LOG = LoggerFactory.getLogger(PgClusterMessages.class);
    private static final Pattern CHANNEL = Pattern.compile("[a-z0-9_]{1,63}");
    private static final int POLL_MILLIS = 500;
    private static final long RECONNECT_MILLIS = 3_000;

    private final boolean enabled;
    private final DataSource pool;
    private final Map<String, List<Consumer<String>>> listeners = new ConcurrentHashMap<>();
    private final Thread listener;
    private volatile boolean running = true;

    @Activate
    public PgClusterMessages(@Reference MetadataDatabase database) {
        this(database.clustered() && "postgresql".equals(database.dialect()), database.dataSource());
    }

    PgClusterMessages(boolean enabled, DataSource pool) {
        this.enabled = enabled;
        this.pool = pool;
        this.listener = new Thread(this::listenLoop, "arus-cluster-messages");
        listener.setDaemon(true);
        if (enabled) {
            listener.start();
        }
    }

    @Override
    public boolean enabled() {
        return enabled;
    }

    @Override
    public void publish(String channel, String payload) {
        checkChannel(channel);
        if (payload.getBytes(StandardCharsets.UTF_8).length > MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("a cluster message holds at most " + MAX_PAYLOAD_BYTES + " bytes");
        }
        if (!enabled) {
            return;
        }
        try (Connection connection = pool.getConnection();
             PreparedStatement notify = connection.prepareStatement("SELECT pg_notify(?, ?)")) {
            notify.setString(1, channel);
            notify.setString(2, payload);
            notify.execute();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot send a cluster message: " + e.getMessage(), e);
        }
    }

    @Override
    public Registration listen(String channel, Consumer<String> consumer) {
        checkChannel(channel);
        listeners.computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>()).add(consumer);
        return () -> listeners.getOrDefault(channel, List.of()).remove(consumer);
    }

    private static void checkChannel(String channel) {
        if (channel == null || !CHANNEL.matcher(channel).matches()) {
            throw new IllegalArgumentException("a channel is 1 to 63 lower-case letters, digits or underscores");
        }
    }

    private void listenLoop() {
        while (running) {
            try (Connection connection = pool.unwrap(PGSimpleDataSource.class).getConnection()) {
                PGConnection pg = connection.unwrap(PGConnection.class);
                Set<String> listening = new HashSet<>();
                while (running) {
                    for (String channel : listeners.keySet()) {
                        if (listening.add(channel)) {
                            try (Statement statement = connection.createStatement()) {
                                // the channel matched CHANNEL: a plain identifier
                                statement.execute("LISTEN " + channel);
                            }
                        }
                    }
                    PGNotification[] notifications = pg.getNotifications(POLL_MILLIS);
                    if (notifications != null) {
                        for (PGNotification notification : notifications) {
                            deliver(notification.getName(), notification.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    LOG.warn("cluster messages: the listening connection failed ({}); reconnecting in {} s",
                            e.getMessage(), RECONNECT_MILLIS / 1000);
                    sleep();
                }
            }
        }
    }

    private void deliver(String channel, String payload) {
        for (Consumer<String> consumer : listeners.getOrDefault(channel, List.of())) {
            try {
                consumer.accept(payload);
            } catch (RuntimeException e) {
                LOG.warn("a cluster message listener on {} failed: {}", channel, e.getMessage());
            }
        }
    }

    private void sleep() {
        try {
            Thread.sleep(RECONNECT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Deactivate
    void close() {
        running = false;
        listener.interrupt();
    }
}
