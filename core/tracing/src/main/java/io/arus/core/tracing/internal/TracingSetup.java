package io.arus.core.tracing.internal;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Hashtable;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns tracing on when an OTLP endpoint is given: the {@code endpoint} of configuration {@value #PID}, else the
 * framework property {@code arus.otel.endpoint}, else the environment variable {@code ARUS_OTEL_ENDPOINT}. It builds
 * the OpenTelemetry SDK (W3C trace context, batched export over OTLP/HTTP with the JDK's HTTP client) and registers
 * it as an {@link OpenTelemetry} service, which the engine (runs, streams, sampled batches) and {@link RequestSpans}
 * (API requests) use while it is there. Without an endpoint nothing is registered and nothing is traced.
 */
@Component(configurationPid = TracingSetup.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL, immediate = true,
        service = {})
public final class TracingSetup {
    static final String PID = "io.arus.tracing";
    private static final Logger LOG = LoggerFactory.getLogger(TracingSetup.class);

    private OpenTelemetrySdk sdk;
    private ServiceRegistration<OpenTelemetry> registration;

    @Activate
    void activate(BundleContext context, Map<String, Object> properties) {
        String endpoint = first(properties.get("endpoint"), context.getProperty("arus.otel.endpoint"),
                System.getenv("ARUS_OTEL_ENDPOINT"));
        if (endpoint == null) {
            return;
        }
        URI traces;
        try {
            traces = traces(endpoint);
        } catch (IllegalArgumentException e) {
            LOG.warn("tracing stays off: {}", e.getMessage());
            return;
        }
        OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder().setEndpoint(traces.toString())
                .setTimeout(Duration.ofSeconds(10)).build();
        Resource resource = Resource.getDefault().merge(Resource.create(Attributes.of(
                AttributeKey.stringKey("service.name"), "arus",
                AttributeKey.stringKey("service.instance.id"), hostName())));
        SdkTracerProvider tracers = SdkTracerProvider.builder().setResource(resource)
                .addSpanProcessor(BatchSpanProcessor.builder(exporter).setScheduleDelay(Duration.ofSeconds(1)).build())
                .build();
        sdk = OpenTelemetrySdk.builder().setTracerProvider(tracers)
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance())).build();
        registration = context.registerService(OpenTelemetry.class, sdk, new Hashtable<>(Map.of("arus.otel.endpoint",
                shown(traces))));
        LOG.info("traces go to {}", shown(traces));
    }

    @Deactivate
    void deactivate() {
        if (registration != null) {
            registration.unregister();
            registration = null;
        }
        if (sdk != null) {
            // what was recorded still goes out, within bounds
            sdk.getSdkTracerProvider().shutdown().join(10, TimeUnit.SECONDS);
            sdk = null;
        }
    }

    /**
     * @param endpoint the collector's base URL ({@code http://collector:4318}) or its traces URL
     * @return the traces URL: the base with {@code /v1/traces}, as OTLP/HTTP's exporters do
     * @throws IllegalArgumentException when it is not an http(s) URL with a host
     */
    static URI traces(String endpoint) {
        URI uri;
        try {
            uri = URI.create(endpoint.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("ARUS_OTEL_ENDPOINT is not a URL: " + e.getMessage(), e);
        }
        if (!("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException("ARUS_OTEL_ENDPOINT must be an http or https URL with a host, e.g."
                    + " http://collector:4318");
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        if (path.endsWith("/v1/traces")) {
            return uri;
        }
        return uri.resolve((path.endsWith("/") ? path : path + "/") + "v1/traces");
    }

    /** @return the URL without user info or query, for the log */
    static String shown(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + uri.getPath();
    }

    private static String first(Object... values) {
        for (Object value : values) {
            if (value != null && !value.toString().isBlank()) {
                return value.toString().trim();
            }
        }
        return null;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
