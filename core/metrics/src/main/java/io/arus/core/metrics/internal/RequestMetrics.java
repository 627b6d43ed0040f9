package io.arus.core.metrics.internal;

import io.arus.core.platform.ApiRoute;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.ContainerResponseContext;
import javax.ws.rs.container.ContainerResponseFilter;
import javax.ws.rs.container.PreMatching;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;

/**
 * Times every API request by method, route and status: a filter of the API's JAX-RS application (which the HTTP
 * whiteboard's own filters do not see), from before matching to the answer's headers (a streamed answer, the
 * events, counts until it starts), by {@link ApiRoute}.
 */
@Component(service = {ContainerRequestFilter.class, ContainerResponseFilter.class})
@JaxrsExtension
@JaxrsApplicationSelect("(osgi.jaxrs.name=arus)")
@PreMatching
public final class RequestMetrics implements ContainerRequestFilter, ContainerResponseFilter {
    private static final String STARTED = RequestMetrics.class.getName() + ".started";

    private final ServerMetrics metrics;

    @Activate
    public RequestMetrics(@Reference ServerMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(STARTED, System.nanoTime());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        try {
            if (request.getProperty(STARTED) instanceof Long started) {
                String path = "/api/" + request.getUriInfo().getPath(false).replaceFirst("^/", "");
                metrics.requestDuration.labelValues(request.getMethod(), ApiRoute.of(path), Integer.toString(response.getStatus()))
                        .observe((System.nanoTime() - started) / 1e9);
            }
        } catch (RuntimeException | LinkageError e) {
            // a metric never costs a request its answer
        }
    }
}
