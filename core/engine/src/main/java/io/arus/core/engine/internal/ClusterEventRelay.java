package io.arus.core.engine.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.arus.core.engine.RunEvents;
import io.arus.core.engine.RunService;
import io.arus.core.store.ClusterMessages;
import io.arus.core.store.ClusterMessages.Registration;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * In cluster mode, lets every node see every run live: this node's run events ({@code arus/run/*}) go out as
 * {@link ClusterMessages} on the channel {@value #CHANNEL}, and the other nodes' come in and are posted again under
 * {@link RunEvents#REMOTE_PREFIX} with the {@link RunEvents#NODE} they ran on, which the event stream (SSE) follows
 * and nothing else does. Sending happens on a thread of its own behind a bounded queue: a slow database never holds
 * up EventAdmin, and when the queue is full the newest events are dropped (and counted in the log), as a live view
 * may lose a progress tick. Long texts (an error) are cut to fit a message.
 */
@Component(service = EventHandler.class, immediate = true,
        property = EventConstants.EVENT_TOPIC + "=arus/run/*")
public final class ClusterEventRelay implements EventHandler {
    static final String CHANNEL = "arus_run_events";
    private static final Logger LOG = LoggerFactory.getLogger(ClusterEventRelay.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int QUEUE = 2_000;
    private static final int LONGEST_TEXT = 2_000;

    private final ClusterMessages messages;
    private final EventAdmin events;
    private final String node;
    private final BlockingQueue<String> outbox = new ArrayBlockingQueue<>(QUEUE);
    private final Registration registration;
    private final Thread sender;
    private volatile boolean running = true;
    private long dropped;

    @Activate
    public ClusterEventRelay(@Reference ClusterMessages messages, @Reference EventAdmin events,
                             @Reference RunService runs) {
        this(messages, events, runs.node());
    }

    ClusterEventRelay(ClusterMessages messages, EventAdmin events, String node) {
        this.messages = messages;
        this.events = events;
        this.node = node;
        this.registration = messages.enabled() ? messages.listen(CHANNEL, this::received) : null;
        this.sender = new Thread(this::sendLoop, "arus-cluster-events");
        sender.setDaemon(true);
        if (messages.enabled()) {
            sender.start();
        }
    }

    @Override
    public void handleEvent(Event event) {
        if (!messages.enabled()) {
            return;
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        for (String name : event.getPropertyNames()) {
            Object value = event.getProperty(name);
            if (!EventConstants.EVENT_TOPIC.equals(name) && !RunEvents.TRACEPARENT.equals(name)) {
                properties.put(name, value instanceof String text && text.length() > LONGEST_TEXT
                        ? text.substring(0, LONGEST_TEXT) + "..." : value);
            }
        }
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("node", node);
        message.put("topic", event.getTopic());
        message.put("properties", properties);
        try {
            String payload = JSON.writeValueAsString(message);
            if (payload.getBytes(StandardCharsets.UTF_8).length > ClusterMessages.MAX_PAYLOAD_BYTES) {
                return;
            }
            if (!outbox.offer(payload)) {
                synchronized (this) {
                    if (dropped++ % 1000 == 0) {
                        LOG.warn("cluster events: the queue to the other nodes is full; {} event(s) dropped so far",
                                dropped);
                    }
                }
            }
        } catch (JsonProcessingException e) {
            LOG.debug("cluster events: an event could not be written: {}", e.getMessage());
        }
    }

    private void sendLoop() {
        while (running) {
            String payload = null;
            try {
                payload = outbox.poll(500, TimeUnit.MILLISECONDS);
                if (payload != null) {
                    messages.publish(CHANNEL, payload);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.debug("cluster events: an event could not be sent: {}", e.getMessage());
            }
        }
    }

    /** A message from the cluster: another node's event is posted again under the remote prefix. */
    void received(String payload) {
        try {
            Map<String, Object> message = JSON.readValue(payload, new TypeReference<Map<String, Object>>() {
            });
            if (!(message.get("node") instanceof String from) || from.equals(node)
                    || !(message.get("topic") instanceof String topic) || !topic.startsWith("arus/run/")
                    || !(message.get("properties") instanceof Map<?, ?> properties)) {
                return;
            }
            Map<String, Object> copy = new LinkedHashMap<>();
            properties.forEach((name, value) -> {
                if (name instanceof String key && value != null) {
                    copy.put(key, value);
                }
            });
            copy.put(RunEvents.NODE, from);
            events.postEvent(new Event(RunEvents.REMOTE_PREFIX + topic.substring("arus/".length()), copy));
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.debug("cluster events: a message could not be read: {}", e.getMessage());
        }
    }

    @Deactivate
    void close() {
        running = false;
        sender.interrupt();
        if (registration != null) {
            registration.close();
        }
    }
}
