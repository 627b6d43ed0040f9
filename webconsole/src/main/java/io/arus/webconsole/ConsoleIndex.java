package io.arus.webconsole;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardFilterPattern;

/**
 * Answers the bare root ({@code GET /}) with the console page, asks browsers to revalidate the console's files,
 * and sends the console's security headers: a Content-Security-Policy that lets the page run only this server's
 * scripts and talk only to this server (the console has no inline script, eval or outside resource), no framing,
 * no MIME sniffing, no referrer. The resource mapping serves every file below
 * {@code /}, but the root itself is a folder there, and the HTTP whiteboard has no welcome files nor an
 * exact-root servlet pattern, so this filter serves it and lets every other request through.
 */
@Component(service = Filter.class)
@HttpWhiteboardFilterPattern("/*")
public final class ConsoleIndex implements Filter {
    /** Inline styles stay allowed: pages set element styles (chart sizes, progress bars) as attributes. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline';"
            + " img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self';"
            + " frame-ancestors 'none'";

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        String path = request.getRequestURI().substring(request.getContextPath().length());
        response.setHeader("X-Content-Type-Options", "nosniff");
        if (!path.startsWith("/api/")) {
            response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
            response.setHeader("X-Frame-Options", "DENY");
            response.setHeader("Referrer-Policy", "no-referrer");
        }
        if (!path.isEmpty() && !"/".equals(path)) {
            if (!path.startsWith("/api/")) {
                // the console's modules are plain files: after an upgrade the browser must not mix old and new ones,
                // so it revalidates each (a 304 when unchanged)
                response.setHeader("Cache-Control", "no-cache");
            }
            chain.doFilter(req, res);
            return;
        }
        URL index = FrameworkUtil.getBundle(ConsoleIndex.class).getEntry("static/index.html");
        if (index == null) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND, "the console page is missing from the bundle");
            return;
        }
        response.setContentType("text/html");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-cache");
        try (InputStream in = index.openStream()) {
            in.transferTo(response.getOutputStream());
        }
    }
}
