package io.arus.core.notify.internal;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.List;

/** The tracing context of a run as its events carry it (a W3C traceparent), for the deliveries it causes. */
final class TraceParent {
    private static final TextMapGetter<String> ONE_HEADER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String traceparent) {
            return List.of("traceparent");
        }

        @Override
        public String get(String traceparent, String key) {
            return "traceparent".equals(key) ? traceparent : null;
        }
    };

    private TraceParent() {
    }

    /**
     * @param traceparent a W3C traceparent, or null
     * @return a context whose span is that remote one, or the root context when there is none (or it is malformed)
     */
    static Context context(String traceparent) {
        if (traceparent == null || traceparent.isBlank()) {
            return Context.root();
        }
        return W3CTraceContextPropagator.getInstance().extract(Context.root(), traceparent, ONE_HEADER);
    }
}
