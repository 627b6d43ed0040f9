package io.arus.core.notify.internal;

import io.arus.api.config.Config;
import io.arus.api.notify.Notification;
import io.arus.api.notify.NotificationException;
import io.arus.api.notify.Notifier;
import io.arus.api.plugin.TypeDescriptor;
import java.util.ArrayDeque;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/** A webhook-like notifier that records what it was asked to send and fails as the test tells it. */
final class RecordingNotifier implements Notifier {
    final List<Notification> sent = new ArrayList<>();
    final List<Map<String, Object>> configs = new ArrayList<>();
    /** The trace id current at each send, "" when there was none. */
    final List<String> traces = new ArrayList<>();
    final Deque<RuntimeException> runtimeFailures = new ArrayDeque<>();
    final Deque<NotificationException> failures = new ArrayDeque<>();

    @Override
    public TypeDescriptor descriptor() {
        return new TypeDescriptor("webhook", "Webhook", "1.0.0", "records", "webhook", TargetSecretsTest.WEBHOOK);
    }

    @Override
    public void send(Config target, Notification notification) throws NotificationException {
        configs.add(target.values());
        SpanContext current = Span.current().getSpanContext();
        traces.add(current.isValid() ? current.getTraceId() : "");
        if (!runtimeFailures.isEmpty()) {
            throw runtimeFailures.pop();
        }
        if (!failures.isEmpty()) {
            throw failures.pop();
        }
        sent.add(notification);
    }
}
