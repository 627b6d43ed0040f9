package io.arus.core.rest.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.felix.http.jetty.ConnectorFactory;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.LocalConnector;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * Makes the answers Jetty gives on its own, before any servlet runs (a {@code %00} or {@code %2F} in a path, an empty
 * segment, a URI or header block too long), {@code application/problem+json} documents like every other error,
 * and closes the connection after them. Felix's Jetty offers no setting for the server's error handler; it hands
 * the started {@link Server} to every {@link ConnectorFactory} service, so this component is one: it installs the
 * error handler and contributes a {@link LocalConnector}, an in-memory connector that opens no port.
 */
@Component(service = ConnectorFactory.class)
public final class JettyProblems implements ConnectorFactory {
    /** The answers to a request Jetty could not read (a 404 or 405 keeps the connection open). */
    static final Set<Integer> UNREADABLE = Set.of(400, 408, 413, 414, 431);

    /** The servers whose error handler is ours (one per HTTP runtime; a new one after Jetty restarts). */
    private final Set<Server> servers = ConcurrentHashMap.newKeySet();

    @Override
    public Connector createConnector(Server server) {
        server.setErrorHandler(new ProblemErrorHandler());
        servers.add(server);
        return new LocalConnector(server);
    }

    /** Gives Jetty its own error handler back, so that no class of a stopped bundle stays in a running server. */
    @Deactivate
    void deactivate() {
        for (Server server : servers) {
            if (server.getErrorHandler() instanceof ProblemErrorHandler) {
                server.setErrorHandler(new ErrorHandler());
            }
        }
        servers.clear();
    }

    /** Jetty's error handler, answering in problem+json whatever the client accepts. */
    static final class ProblemErrorHandler extends ErrorHandler {
        @Override
        protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                        Callback callback) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problem.MEDIA_TYPE);
            if (UNREADABLE.contains(code)) {
                // the request could not be understood: nothing after it on this connection can be trusted either
                response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
            }
            response.write(true, ByteBuffer.wrap(document(code, message)), callback);
        }

        @Override
        public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
            fields.put(HttpHeader.CONTENT_TYPE, Problem.MEDIA_TYPE);
            fields.put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
            return ByteBuffer.wrap(document(status, reason));
        }
    }

    private static String fallback(int status, String title) {
        return switch (status) {
            case 404 -> "no such resource";
            case 405 -> "method not allowed here";
            default -> UNREADABLE.contains(status) ? "the request could not be read: " + title : title;
        };
    }

    /** The problem document; the request's URI is left out, it may be what was wrong (and it may be 64 KB long). */
    static byte[] document(int status, String message) {
        String title = HttpStatus.getMessage(status);
        String detail = message == null || message.isBlank() || message.equals(title) ? fallback(status, title)
                : message.length() > 200 ? message.substring(0, 200) : message;
        try {
            return JsonProvider.MAPPER.writeValueAsBytes(new Problem("about:blank", title, status, detail, null, List.of()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a problem document always serializes", e);
        }
    }
}
