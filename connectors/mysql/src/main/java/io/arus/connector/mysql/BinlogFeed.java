package io.arus.connector.mysql;

import com.github.shyiko.mysql.binlog.BinaryLogClient;
import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDeserializer;
import com.github.shyiko.mysql.binlog.network.AuthenticationException;
import com.github.shyiko.mysql.binlog.network.SSLMode;
import com.github.shyiko.mysql.binlog.network.ServerException;
import io.arus.api.connector.ConnectorException;
import io.arus.api.connector.ConnectorException.Kind;
import io.arus.api.connector.StreamId;
import io.arus.connector.jdbc.ConnectionSettings;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The binlog as a replica receives it: a {@link BinaryLogClient} on a thread of its own puts events into a bounded
 * queue that the reader drains (a full queue holds the client back, and with it the server's dump thread). Failures
 * of the client travel through the same queue, after the events before them.
 */
final class BinlogFeed implements AutoCloseable {
    /** What a blocked {@link #next} returns when {@link #wakeup()} was called. */
    static final Object WAKEUP = new Object();
    private static final int QUEUE_EVENTS = 10_000;
    private static final long CONNECT_MILLIS = 15_000;

    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUE_EVENTS);
    private final BinaryLogClient client;
    private final String where;
    private volatile boolean closed;
    private volatile long lastSeen = System.nanoTime();

    private BinlogFeed(BinaryLogClient client, String where) {
        this.client = client;
        this.where = where;
    }

    /**
     * Connects and starts streaming.
     *
     * @param settings   the server and the user (which needs REPLICATION SLAVE and REPLICATION CLIENT / BINLOG MONITOR)
     * @param serverId   this client's server id, unique among the server's replicas
     * @param from       where to start: its GTID state when it has one, else its file and offset
     * @param table      the captured table: the rows of other tables are not decoded
     * @param threadName the client thread's name
     * @throws ConnectorException when the server cannot be reached or refuses
     */
    static BinlogFeed start(ConnectionSettings settings, long serverId, BinlogPosition from, StreamId table,
                            String threadName) throws ConnectorException {
        BinaryLogClient client = new BinaryLogClient(settings.host(), settings.port(), settings.username(),
                settings.password());
        client.setServerId(serverId);
        // a lost connection is reported to the engine, which reopens the reader from its stored offset
        client.setKeepAlive(false);
        client.setHeartbeatInterval(5_000);
        client.setSSLMode(switch (settings.sslMode() == null ? "disable" : settings.sslMode()) {
            case "require" -> SSLMode.REQUIRED;
            case "verify-ca" -> SSLMode.VERIFY_CA;
            case "verify-full" -> SSLMode.VERIFY_IDENTITY;
            default -> SSLMode.DISABLED;
        });
        EventDeserializer deserializer = new EventDeserializer();
        // temporal values as microseconds and text as bytes: BinlogValues converts them exactly, without the
        // JVM's zone or a guessed character set in between
        deserializer.setCompatibilityMode(EventDeserializer.CompatibilityMode.DATE_AND_TIME_AS_LONG_MICRO,
                EventDeserializer.CompatibilityMode.CHAR_AND_BINARY_AS_BYTE_ARRAY);
        // the table maps come before their rows events on the client's thread, which keeps this set
        Set<Long> tableIds = new HashSet<>();
        for (EventType type : List.of(EventType.WRITE_ROWS, EventType.UPDATE_ROWS, EventType.DELETE_ROWS,
                EventType.EXT_WRITE_ROWS, EventType.EXT_UPDATE_ROWS, EventType.EXT_DELETE_ROWS)) {
            deserializer.setEventDataDeserializer(type,
                    new CapturedRows(deserializer.getEventDataDeserializer(type), tableIds));
        }
        client.setEventDeserializer(deserializer);
        client.setThreadFactory(runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
        if (from.gtid() != null) {
            client.setGtidSet(from.gtid());
        } else {
            client.setBinlogFilename(from.file());
            client.setBinlogPosition(from.pos());
        }
        BinlogFeed feed = new BinlogFeed(client, settings.address() + " from " + from);
        client.registerEventListener(event -> {
            if (event.getHeader().getEventType() == EventType.TABLE_MAP
                    && EventDeserializer.EventDataWrapper.internal(event.getData()) instanceof TableMapEventData map) {
                if (table.namespace().equals(map.getDatabase()) && table.name().equals(map.getTable())) {
                    tableIds.add(map.getTableId());
                } else {
                    tableIds.remove(map.getTableId());
                }
            }
            feed.offer(event);
        });
        client.registerLifecycleListener(new BinaryLogClient.AbstractLifecycleListener() {
            @Override
            public void onCommunicationFailure(BinaryLogClient c, Exception ex) {
                feed.offer(ex);
            }

            @Override
            public void onEventDeserializationFailure(BinaryLogClient c, Exception ex) {
                // the client would skip the event and go on: a change would be lost, so the reader stops here
                feed.offer(ex);
            }

            @Override
            public void onDisconnect(BinaryLogClient c) {
                feed.offer(new IOException("the binlog connection closed"));
            }
        });
        try {
            client.connect(CONNECT_MILLIS);
        } catch (IOException | TimeoutException e) {
            throw feed.failure(e);
        }
        return feed;
    }

    private void offer(Object item) {
        lastSeen = System.nanoTime();
        try {
            while (!closed) {
                if (queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * @param timeout how long to wait
     * @param unit    its unit
     * @return the next event, {@link #WAKEUP}, or null when none came in time
     * @throws ConnectorException when the client failed (after the events before the failure were returned)
     */
    Object next(long timeout, TimeUnit unit) throws ConnectorException {
        Object item;
        try {
            item = queue.poll(timeout, unit);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return WAKEUP;
        }
        if (item instanceof Exception e) {
            throw failure(e);
        }
        return item;
    }

    /** @return the next event if one is queued, else null */
    Event nextNow() throws ConnectorException {
        Object item = queue.peek();
        if (item instanceof Event) {
            return (Event) queue.poll();
        }
        return null;
    }

    /**
     * @return how long nothing came from the server, not even a heartbeat (sent every 5 s while the log is idle): a
     *         connection silent far longer is dead even if the socket does not know it yet
     */
    long silentMillis() {
        return (System.nanoTime() - lastSeen) / 1_000_000;
    }

    void wakeup() {
        queue.offer(WAKEUP);
    }

    ConnectorException failure(Exception e) {
        if (e instanceof ServerException server) {
            return switch (server.getErrorCode()) {
                case 1236 -> new ConnectorException(Kind.CONFIGURATION, "the binlog position " + where
                        + " is no longer on the server (purged, or the binlog was reset): the changes since are"
                        + " lost to this feed; reset the pipeline's state to resync the stream from a new snapshot ("
                        + server.getMessage() + ")", e);
                case 1045, 1227 -> new ConnectorException(Kind.AUTHENTICATION, "the server refused the binlog to "
                        + "this user (it needs REPLICATION SLAVE and REPLICATION CLIENT, on MariaDB also BINLOG"
                        + " MONITOR): " + server.getMessage(), e);
                default -> new ConnectorException(Kind.CONNECTION, "reading the binlog from " + where + " failed: "
                        + server.getMessage() + " (error " + server.getErrorCode() + ")", e);
            };
        }
        if (e instanceof AuthenticationException) {
            return new ConnectorException(Kind.AUTHENTICATION, "the server refused the binlog user: "
                    + e.getMessage(), e);
        }
        if (e instanceof IOException || e instanceof TimeoutException) {
            return new ConnectorException(Kind.CONNECTION, "the binlog connection to " + where + " failed: "
                    + e.getMessage(), e);
        }
        return new ConnectorException(Kind.INTERNAL, "an event of the binlog at " + where + " could not be read: "
                + e, e);
    }

    @Override
    public void close() {
        closed = true;
        queue.clear();
        try {
            client.disconnect();
        } catch (IOException e) {
            // the socket is closed either way
        }
    }
}
