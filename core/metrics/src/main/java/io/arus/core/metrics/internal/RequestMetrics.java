package io.arus.core.metrics.internal;

import java.util.regex.Pattern;
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
 * events, counts until it starts). The route is the path with its ids replaced by {@code {id}} (UUIDs, numbers,
 * long tokens), so a route is one series however many pipelines there are.
 */
@Component(service = {ContainerRequestFilter.class, ContainerResponseFilter.class})
@JaxrsExtension
@JaxrsApplicationSelect("(osgi.jaxrs.name=arus)")
@PreMatching
public final class RequestMetrics implements ContainerRequestFilter, ContainerResponseFilter {
    private static final String STARTED = RequestMetrics.class.getName() + ".started";
    private static final Pattern ID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|\\d+|[A-Za-z0-9_-]{24,}");
    /** More segments than any route has: the rest is one label value. */
    private static final int MAX_SEGMENTS = 6;

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
                metrics.requestDuration.labelValues(request.getMethod(), route(path), Integer.toString(response.getStatus()))
                        .observe((System.nanoTime() - started) / 1e9);
            }
        } catch (RuntimeException | LinkageError e) {
            // a metric never costs a request its answer
        }
    }

    static String route(String path) {
        String[] segments = path.split("/", -1);
        StringBuilder route = new StringBuilder();
        for (int i = 1; i < segments.length && i <= MAX_SEGMENTS; i++) {
            String segment = segments[i];
            route.append('/').append(ID.matcher(segment).matches() ? "{id}" : segment.length() > 40 ? "{value}" : segment);
        }
        if (segments.length > MAX_SEGMENTS + 1) {
            route.append("/...");
        }
        return route.toString();
    }
}
