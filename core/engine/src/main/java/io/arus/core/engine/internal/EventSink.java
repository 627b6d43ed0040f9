package io.arus.core.engine.internal;

import io.arus.core.engine.Measurements;
import io.arus.core.engine.RunEvents;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/**
 * Posts run events to EventAdmin while one is there, and drops them otherwise: events tell followers what
 * happened, the metadata store keeps it, so a missing EventAdmin never stops a run. Every event is handed to
 * EventAdmin from one thread: EventAdmin keeps the order of asynchronous events per posting thread only, and a
 * run's {@code queued} (posted by the caller) must reach followers before its {@code running} (posted by a worker).
 * Batch timings go to the {@link Measurements} service, when one is registered, on the run's own thread.
 */
final class EventSink {
    private volatile EventAdmin admin;
    private volatile Measurements measurements;
    private final ExecutorService poster = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "arus-run-events");
        thread.setDaemon(true);
        return thread;
    });

    void bind(EventAdmin eventAdmin) {
        this.admin = eventAdmin;
    }

    void unbind(EventAdmin eventAdmin) {
        if (this.admin == eventAdmin) {
            this.admin = null;
        }
    }

    void bind(Measurements taker) {
        this.measurements = taker;
    }

    void unbind(Measurements taker) {
        if (this.measurements == taker) {
            this.measurements = null;
        }
    }

    /** Tells the {@link Measurements} service, when one is there, that a batch was written. */
    void batchWritten(String pipelineId, String stream, int rows, long nanos) {
        Measurements taker = measurements;
        if (taker != null) {
            try {
                taker.batchWritten(pipelineId, stream, rows, nanos);
            } catch (RuntimeException e) {
                // a measurement is never worth a run
            }
        }
    }

    /** @param properties the event's properties; null values are left out */
    void post(String topic, Map<String, Object> properties) {
        EventAdmin target = admin;
        if (target == null) {
            return;
        }
        Map<String, Object> values = new HashMap<>();
        properties.forEach((key, value) -> {
            if (value != null) {
                values.put(key, value);
            }
        });
        values.putIfAbsent(RunEvents.AT, System.currentTimeMillis());
        String traceparent = RunTracing.traceparent();
        if (traceparent != null) {
            values.putIfAbsent(RunEvents.TRACEPARENT, traceparent);
        }
        Event event = new Event(topic, values);
        try {
            poster.execute(() -> target.postEvent(event));
        } catch (RejectedExecutionException e) {
            // the engine is stopping: followers are going away too
        }
    }

    /** The engine stops: events already handed over still go out. */
    void close() {
        poster.shutdown();
    }
}
