package io.arus.core.rest.internal;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.util.List;
import javax.servlet.FilterChain;
import javax.servlet.ReadListener;
import javax.servlet.ServletException;
import javax.servlet.ServletInputStream;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletRequestWrapper;
import javax.servlet.http.HttpServletResponse;
import javax.ws.rs.core.Response;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.http.whiteboard.Preprocessor;

/**
 * Bounds every request body before anything parses it: 1 MB for JSON and everything else, the plugin limit for
 * {@code POST /api/plugins}. A declared length over the limit is refused at once (413, nothing read); a chunked body
 * is read through a counting stream that fails with {@link TooLarge} at the limit, which the API answers with 413.
 * A charset the JVM does not know is a 415 here, since CXF fails on it with a 500 before any JAX-RS code runs.
 * It is a whiteboard preprocessor, so it sees each request before the servlet of any context.
 */
@Component(service = Preprocessor.class)
public final class BodyLimit implements Preprocessor {
    /** The largest body of any request but a plugin upload. */
    static final long MAX_BYTES = 1024 * 1024;
    /** The largest plugin upload: the JAR plus its multipart framing. */
    static final long MAX_UPLOAD_BYTES = DropinFolder.MAX_BYTES + 1024 * 1024;

    /** A body went past its limit while it was read. */
    static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        TooLarge(long max) {
            super("the request body is larger than " + describe(max));
        }
    }

    @Override
    public void init(javax.servlet.FilterConfig config) {
        // nothing to set up
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        String charset = charset(request.getContentType());
        if (charset != null && !known(charset)) {
            refuse(request, response, Response.Status.UNSUPPORTED_MEDIA_TYPE,
                    "the request names the charset \"" + printable(charset) + "\", which this server does not know; send UTF-8");
            return;
        }
        long max = limit(request);
        if (request.getContentLengthLong() > max) {
            refuse(request, response, Response.Status.REQUEST_ENTITY_TOO_LARGE, new TooLarge(max).getMessage());
            return;
        }
        chain.doFilter(new Bounded(request, max), response);
    }

    @Override
    public void destroy() {
        // nothing to release
    }

    static long limit(HttpServletRequest request) {
        String path = request.getRequestURI();
        return "POST".equals(request.getMethod()) && path != null && path.replaceAll("/+$", "").equals("/api/plugins")
                ? MAX_UPLOAD_BYTES : MAX_BYTES;
    }

    /** Writes a problem document and closes the connection: the rest of the body is never read. */
    private static void refuse(HttpServletRequest request, HttpServletResponse response, Response.Status status,
                               String detail) throws IOException {
        Problem problem = new Problem("about:blank", status.getReasonPhrase(), status.getStatusCode(), detail,
                request.getRequestURI(), List.of());
        byte[] body = JsonProvider.MAPPER.writeValueAsBytes(problem);
        response.setStatus(status.getStatusCode());
        response.setHeader("Connection", "close");
        response.setContentType(Problem.MEDIA_TYPE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }

    static String charset(String contentType) {
        if (contentType == null) {
            return null;
        }
        for (String parameter : contentType.split(";")) {
            String p = parameter.trim();
            if (p.regionMatches(true, 0, "charset=", 0, 8)) {
                return p.substring(8).trim().replace("\"", "");
            }
        }
        return null;
    }

    private static boolean known(String charset) {
        try {
            return Charset.isSupported(charset);
        } catch (IllegalCharsetNameException e) {
            return false;
        }
    }

    private static String printable(String text) {
        String shown = text.length() > 40 ? text.substring(0, 40) + "…" : text;
        return shown.replaceAll("[^\\x20-\\x7e…]", "?");
    }

    private static String describe(long bytes) {
        return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MB" : bytes + " bytes";
    }

    /** The request with a body that cannot be read past {@code max} bytes. */
    private static final class Bounded extends HttpServletRequestWrapper {
        private final long max;
        private ServletInputStream stream;

        Bounded(HttpServletRequest request, long max) {
            super(request);
            this.max = max;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new Counting(super.getInputStream(), max);
            }
            return stream;
        }

        @Override
        public java.io.BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding();
            return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(),
                    encoding == null ? java.nio.charset.StandardCharsets.UTF_8 : Charset.forName(encoding)));
        }
    }

    /** Counts what is read and fails at the limit. */
    private static final class Counting extends ServletInputStream {
        private final ServletInputStream in;
        private final long max;
        private long count;

        Counting(ServletInputStream in, long max) {
            this.in = in;
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, (int) Math.min(length, max - count + 1));
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        private void counted(int n) throws IOException {
            count += n;
            if (count > max) {
                throw new TooLarge(max);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }

        @Override
        public int available() throws IOException {
            return in.available();
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
