package io.arus.core.metrics.internal;

import io.arus.core.security.Authenticator;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Optional;
import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code GET /metrics}: the Prometheus text format (0.0.4), for a bearer token of any user (an API token made for
 * the scraper; every role may read it). Without a valid token: 401, and nothing about the server.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/metrics")
public final class MetricsServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient ServerMetrics metrics;
    private final transient Authenticator authenticator;
    private final transient PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

    @Activate
    public MetricsServlet(@Reference ServerMetrics metrics, @Reference Authenticator authenticator) {
        this.metrics = metrics;
        this.authenticator = authenticator;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String header = request.getHeader("Authorization");
        Optional<String> token = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? Optional.of(header.substring(7).trim()).filter(t -> !t.isEmpty()) : Optional.empty();
        if (token.flatMap(authenticator::authenticate).isEmpty()) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"arus\"");
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setContentType("application/problem+json");
            response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
                    + "\"detail\":\"a valid bearer token is required\",\"instance\":\"/metrics\"}");
            return;
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream(64 * 1024);
        writer.write(body, metrics.registry.scrape());
        response.setContentType(writer.getContentType());
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(body.size());
        body.writeTo(response.getOutputStream());
    }
}
