package io.arus.core.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class RunTracingTest {
    private final List<SpanData> ended = new CopyOnWriteArrayList<>();
    private final SpanExporter collect = new SpanExporter() {
        @Override
        public CompletableResultCode export(Collection<SpanData> spans) {
            ended.addAll(spans);
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    };

    private SpanData named(String prefix) {
        return ended.stream().filter(s -> s.getName().startsWith(prefix)).findFirst().orElseThrow();
    }

    @Test
    void aRunsStreamsOnTheirOwnThreadsAndOneBatchInTenAreChildSpansWithTheIds() throws Exception {
        RunTracing tracing = new RunTracing();
        OpenTelemetrySdk sdk = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(collect)).build()).build();
        tracing.bind(sdk);
        RunLogContext.enter("run-1", "pipe-1");
        Span run = tracing.startRun("run-1", "pipe-1", "orders", "manual");
        try (Scope scope = tracing.context(run, "run-1", "pipe-1").makeCurrent()) {
            ExecutorService pool = Executors.newFixedThreadPool(1, RunLogContext.threads("arus-run-test", "run-1", "pipe-1"));
            String failure = pool.submit(() -> RunTracing.stream("public.orders", () -> {
                for (int batch = 0; batch < 25; batch++) {
                    RunTracing.batch(batch, 100, System.nanoTime());
                }
                return null;
            })).get();
            pool.shutdown();
            assertThat(failure).isNull();
        } finally {
            RunTracing.endRun(run, "succeeded", null);
            RunLogContext.leave();
        }
        SpanData runSpan = named("arus.run orders");
        SpanData stream = named("arus.stream public.orders");
        List<SpanData> batches = ended.stream().filter(s -> s.getName().equals("arus.batch")).toList();
        assertThat(stream.getParentSpanId()).isEqualTo(runSpan.getSpanId());
        assertThat(stream.getTraceId()).isEqualTo(runSpan.getTraceId());
        assertThat(stream.getAttributes().get(RunTracing.RUN_ID)).isEqualTo("run-1");
        assertThat(stream.getAttributes().get(RunTracing.PIPELINE_ID)).isEqualTo("pipe-1");
        assertThat(runSpan.getAttributes().get(RunTracing.RUN_ID)).isEqualTo("run-1");
        assertThat(batches).hasSize(3).allMatch(b -> b.getParentSpanId().equals(stream.getSpanId()));
        assertThat(batches).extracting(b -> b.getAttributes().get(RunTracing.BATCH)).containsExactly(0L, 10L, 20L);
    }

    @Test
    void withoutAnOpenTelemetryServiceNothingIsTracedAndStreamsStillRun() throws Exception {
        RunTracing tracing = new RunTracing();
        Span run = tracing.startRun("run-2", "pipe-2", "orders", "manual");
        assertThat(run.getSpanContext().isValid()).isFalse();
        try (Scope scope = tracing.context(run, "run-1", "pipe-1").makeCurrent()) {
            assertThat(RunTracing.stream("public.orders", () -> "failed")).isEqualTo("failed");
            RunTracing.batch(0, 10, System.nanoTime());
        }
        assertThat(ended).isEmpty();
    }
}
