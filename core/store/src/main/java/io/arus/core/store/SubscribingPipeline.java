package io.arus.core.store;

import java.util.List;

/**
 * A pipeline that subscribes a notification target to some of its events.
 *
 * @param id     the pipeline's id
 * @param name   the pipeline's name
 * @param events the event ids the target hears, sorted
 */
public record SubscribingPipeline(String id, String name, List<String> events) {
    /** Copies the events. */
    public SubscribingPipeline {
        events = List.copyOf(events);
    }
}
