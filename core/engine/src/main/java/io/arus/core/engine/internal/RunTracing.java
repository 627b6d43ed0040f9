package io.arus.core.engine.internal;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.Scope;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * Spans of runs, streams and sampled batches, while an {@link OpenTelemetry} service is registered (core/tracing
 * registers one when {@code ARUS_OTEL_ENDPOINT} is set); without one every call is a no-op. The run's span is the
 * parent of its streams' spans, each stream's of its sampled batches'; they carry the pipeline's and the run's ids.
 * The tracer travels in the OpenTelemetry context, so the stream and batch code needs no reference to this object.
 */
final class RunTracing {
    static final AttributeKey<String> PIPELINE_ID = AttributeKey.stringKey("arus.pipeline.id");
    static final AttributeKey<String> RUN_ID = AttributeKey.stringKey("arus.run.id");
    static final AttributeKey<String> STREAM = AttributeKey.stringKey("arus.stream");
    static final AttributeKey<Long> BATCH = AttributeKey.longKey("arus.batch.number");
    static final AttributeKey<Long> ROWS = AttributeKey.longKey("arus.batch.rows");
    /** One batch in this many gets a span (the first one always): a million-row run is not a thousand spans. */
    static final int BATCH_SAMPLE = 10;

    private static final ContextKey<Tracer> TRACER = ContextKey.named("arus.tracer");
    private static final ContextKey<String> RUN = ContextKey.named("arus.run.id");
    private static final ContextKey<String> PIPELINE = ContextKey.named("arus.pipeline.id");

    private volatile OpenTelemetry telemetry;

    void bind(OpenTelemetry telemetry) {
        this.telemetry = telemetry;
    }

    void unbind(OpenTelemetry telemetry) {
        if (this.telemetry == telemetry) {
            this.telemetry = null;
        }
    }

    /**
     * Starts a run's span and makes it (with the tracer) the calling thread's context until the scope closes.
     *
     * @return the run's span (a no-op span when tracing is off)
     */
    Span startRun(String runId, String pipelineId, String pipelineName, String trigger) {
        OpenTelemetry current = telemetry;
        if (current == null) {
            return Span.getInvalid();
        }
        Tracer tracer = current.getTracer("io.arus.engine");
        return tracer.spanBuilder("arus.run " + pipelineName).setSpanKind(SpanKind.INTERNAL).setNoParent()
                .setAttribute(PIPELINE_ID, pipelineId).setAttribute(RUN_ID, runId)
                .setAttribute("arus.pipeline.name", pipelineName).setAttribute("arus.run.trigger", trigger)
                .startSpan();
    }

    /** @return a context holding the run's span and ids, and the tracer its streams take theirs from */
    Context context(Span run, String runId, String pipelineId) {
        OpenTelemetry current = telemetry;
        Context context = Context.root().with(run).with(RUN, runId).with(PIPELINE, pipelineId);
        return current == null ? context : context.with(TRACER, current.getTracer("io.arus.engine"));
    }

    /** Ends a run's span with its outcome. */
    static void endRun(Span run, String status, String error) {
        run.setAttribute("arus.run.status", status);
        if (error != null) {
            run.setStatus(StatusCode.ERROR, error);
        }
        run.end();
    }

    /**
     * Runs a stream inside its span, a child of the run's span in the calling thread's context.
     *
     * @param stream the stream's name
     * @param sync   the stream's work; answers null when it succeeded, else why it failed
     * @return what {@code sync} answered
     */
    static String stream(String stream, Callable<String> sync) throws Exception {
        Context context = Context.current();
        Tracer tracer = context.get(TRACER);
        if (tracer == null) {
            return sync.call();
        }
        Span span = tracer.spanBuilder("arus.stream " + stream).setAttribute(STREAM, stream)
                .setAttribute(PIPELINE_ID, context.get(PIPELINE)).setAttribute(RUN_ID, context.get(RUN)).startSpan();
        try (Scope scope = span.makeCurrent()) {
            String failure = sync.call();
            if (failure != null) {
                span.setStatus(StatusCode.ERROR, failure);
            }
            return failure;
        } catch (Exception | Error e) {
            span.recordException(e);
            span.setStatus(StatusCode.ERROR, String.valueOf(e.getMessage()));
            throw e;
        } finally {
            span.end();
        }
    }

    /**
     * Records a sampled batch as a span of the current stream, from when its write started until now.
     *
     * @param number     the batch's number in the stream, from 0
     * @param rows       its rows
     * @param startNanos {@link System#nanoTime()} when its write started
     */
    static void batch(long number, int rows, long startNanos) {
        if (number % BATCH_SAMPLE != 0) {
            return;
        }
        Tracer tracer = Context.current().get(TRACER);
        if (tracer == null) {
            return;
        }
        long endEpochNanos = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis());
        long startEpochNanos = endEpochNanos - (System.nanoTime() - startNanos);
        tracer.spanBuilder("arus.batch").setStartTimestamp(startEpochNanos, TimeUnit.NANOSECONDS)
                .setAttribute(BATCH, number).setAttribute(ROWS, (long) rows).startSpan()
                .end(endEpochNanos, TimeUnit.NANOSECONDS);
    }

    /** @return the W3C traceparent of the calling thread's current span, or null when it has none (tracing off) */
    static String traceparent() {
        Map<String, String> headers = new HashMap<>(2);
        W3CTraceContextPropagator.getInstance().inject(Context.current(), headers, Map::put);
        return headers.get("traceparent");
    }
}
