package io.arus.core.tracing.internal;

import io.arus.core.platform.ApiRoute;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.ContainerResponseContext;
import javax.ws.rs.container.ContainerResponseFilter;
import javax.ws.rs.container.PreMatching;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;

/**
 * A server span for every API request while tracing is on, named by method and route ({@code GET
 * /api/pipelines/{id}}), a child of the caller's span when the request carries a W3C {@code traceparent}.
 */
@Component(service = {ContainerRequestFilter.class, ContainerResponseFilter.class})
@JaxrsExtension
@JaxrsApplicationSelect("(osgi.jaxrs.name=arus)")
@PreMatching
public final class RequestSpans implements ContainerRequestFilter, ContainerResponseFilter {
    private static final String SPAN = RequestSpans.class.getName() + ".span";
    private static final TextMapGetter<ContainerRequestContext> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(ContainerRequestContext request) {
            return request.getHeaders().keySet();
        }

        @Override
        public String get(ContainerRequestContext request, String key) {
            return request == null ? null : request.getHeaderString(key);
        }
    };

    private volatile OpenTelemetry telemetry;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindTelemetry(OpenTelemetry telemetry) {
        this.telemetry = telemetry;
    }

    void unbindTelemetry(OpenTelemetry telemetry) {
        if (this.telemetry == telemetry) {
            this.telemetry = null;
        }
    }

    @Override
    public void filter(ContainerRequestContext request) {
        OpenTelemetry current = telemetry;
        if (current == null) {
            return;
        }
        try {
            String path = "/api/" + request.getUriInfo().getPath(false).replaceFirst("^/", "");
            String route = ApiRoute.of(path);
            Context parent = current.getPropagators().getTextMapPropagator().extract(Context.root(), request, HEADERS);
            Span span = current.getTracer("io.arus.rest").spanBuilder(request.getMethod() + " " + route)
                    .setParent(parent).setSpanKind(SpanKind.SERVER)
                    .setAttribute("http.request.method", request.getMethod()).setAttribute("http.route", route)
                    .setAttribute("url.path", path).startSpan();
            request.setProperty(SPAN, span);
        } catch (RuntimeException | LinkageError e) {
            // a span never costs a request its answer
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(SPAN) instanceof Span span) {
            span.setAttribute("http.response.status_code", response.getStatus());
            if (response.getStatus() >= 500) {
                span.setStatus(StatusCode.ERROR);
            }
            span.end();
        }
    }
}
