package io.arus.core.rest.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.arus.core.engine.RunEvents;
import io.arus.core.store.Role;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.sse.OutboundSseEvent;
import javax.ws.rs.sse.Sse;
import javax.ws.rs.sse.SseEventSink;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * {@code GET /api/events}: Server-Sent Events of run state changes ({@code run.state}) and per-stream progress
 * ({@code run.progress}: rows, rows/s, percent where the source estimated its rows), optionally for one run or
 * one pipeline. The engine posts them through EventAdmin at most twice a second per stream; a comment line every
 * 15 seconds keeps proxies from closing an idle stream and finds clients that went away. In cluster mode the runs of
 * the other nodes come too (re-posted under {@link RunEvents#REMOTE_PREFIX}, with the {@code node} they run on), so
 * any node shows every run live.
 */
@Component(service = {EventStreamResource.class, EventHandler.class},
        property = {EventConstants.EVENT_TOPIC + "=arus/run/*",
                EventConstants.EVENT_TOPIC + "=" + RunEvents.REMOTE_PREFIX + "run/*"})
@JaxrsResource
@JaxrsApplicationSelect(ArusApplication.SELECT)
@Path("events")
public final class EventStreamResource implements EventHandler {
    private static final long KEEPALIVE_SECONDS = 15;

    private final Set<Client> clients = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "arus-events");
        thread.setDaemon(true);
        return thread;
    });

    /** A connected client and what it asked to follow (null: everything). */
    private record Client(SseEventSink sink, Sse sse, String runId, String pipelineId) {
        boolean wants(Map<String, Object> event) {
            return (runId == null || runId.equals(event.get(RunEvents.RUN_ID)))
                    && (pipelineId == null || pipelineId.equals(event.get(RunEvents.PIPELINE_ID)));
        }
    }

    public EventStreamResource() {
        timer.scheduleAtFixedRate(this::keepAlive, KEEPALIVE_SECONDS, KEEPALIVE_SECONDS, TimeUnit.SECONDS);
    }

    /**
     * @param runId      only this run's events
     * @param pipelineId only this pipeline's events
     * @param forSeconds close the stream after this many seconds (scripts and tests); absent: until the client goes
     */
    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RequiresRole(Role.VIEWER)
    @TokenInQuery
    public void events(@Context SseEventSink sink, @Context Sse sse, @QueryParam("run_id") String runId,
                       @QueryParam("pipeline_id") String pipelineId, @QueryParam("for_seconds") Integer forSeconds) {
        if (forSeconds != null && (forSeconds < 1 || forSeconds > 3600)) {
            throw ApiException.invalid("for_seconds", "must be between 1 and 3600");
        }
        Client client = new Client(sink, sse, blankToNull(runId), blankToNull(pipelineId));
        clients.add(client);
        sink.send(sse.newEventBuilder().comment("arus events").reconnectDelay(3_000).build());
        if (forSeconds != null) {
            timer.schedule(() -> close(client), forSeconds, TimeUnit.SECONDS);
        }
    }

    @Override
    public void handleEvent(Event event) {
        if (clients.isEmpty()) {
            return;
        }
        Map<String, Object> data = new TreeMap<>();
        for (String name : event.getPropertyNames()) {
            if (!EventConstants.EVENT_TOPIC.equals(name)) {
                data.put(name, event.getProperty(name));
            }
        }
        String topic = event.getTopic();
        String name = "run." + topic.substring(topic.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        String json;
        try {
            json = JsonProvider.MAPPER.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            return;
        }
        for (Client client : clients) {
            if (client.wants(data)) {
                send(client, client.sse().newEventBuilder().name(name).data(String.class, json)
                        .mediaType(MediaType.APPLICATION_JSON_TYPE).build());
            }
        }
    }

    private void keepAlive() {
        for (Client client : clients) {
            send(client, client.sse().newEventBuilder().comment("keep-alive").build());
        }
    }

    private void send(Client client, OutboundSseEvent event) {
        if (client.sink().isClosed()) {
            clients.remove(client);
            return;
        }
        try {
            client.sink().send(event).whenComplete((ignored, failure) -> {
                if (failure != null) {
                    close(client);
                }
            });
        } catch (RuntimeException e) {
            close(client);
        }
    }

    private void close(Client client) {
        clients.remove(client);
        try {
            client.sink().close();
        } catch (RuntimeException e) {
            // the client is gone already
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    @Deactivate
    void deactivate() {
        timer.shutdownNow();
        clients.forEach(this::close);
    }
}
