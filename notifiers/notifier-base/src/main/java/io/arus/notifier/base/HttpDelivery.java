package io.arus.notifier.base;

import io.arus.api.notify.NotificationException;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * Posts a JSON body to an {@link HttpEndpoint} and turns every way it can go wrong into a
 * {@link NotificationException} with a clear, secret-free message: an answer outside 2xx, a timeout, a refused
 * connection. A 5xx, 408 or 429 answer and any I/O failure are retryable; other answers are permanent. Retrying is
 * the dispatcher's job, not this class's. A notification of a traced run carries the run's W3C {@code traceparent}.
 * Thread-safe: one instance serves a notifier for its lifetime.
 */
public final class HttpDelivery {
    /** How long to wait for a TCP (and TLS) connection. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** How long to wait for the whole answer once connected. */
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private static final String JSON = "application/json; charset=utf-8";
    private static final int SNIPPET_LENGTH = 300;

    private final HttpClient client;
    private final Duration connectTimeout;
    private final Duration requestTimeout;

    /** A delivery with the standard timeouts. */
    public HttpDelivery() {
        this(CONNECT_TIMEOUT, REQUEST_TIMEOUT);
    }

    /**
     * @param connectTimeout how long to wait for a connection
     * @param requestTimeout how long to wait for the answer
     */
    public HttpDelivery(Duration connectTimeout, Duration requestTimeout) {
        // HTTP/1.1: every webhook receiver speaks it; redirects are not followed, a POST must not turn into a GET
        this.client = HttpClient.newBuilder().connectTimeout(connectTimeout).version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.connectTimeout = connectTimeout;
        this.requestTimeout = requestTimeout;
    }

    /**
     * @param endpoint where to post
     * @param json     the JSON body
     * @return the answer's body
     * @throws NotificationException when the answer is not 2xx or the request failed
     */
    public String postJson(HttpEndpoint endpoint, String json) throws NotificationException {
        return postJson(endpoint, json.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /**
     * @param endpoint where to post
     * @param json     the JSON body, UTF-8, sent exactly as given (a signature may cover these bytes)
     * @param headers  further request headers; {@code Content-Type} is always {@code application/json}
     * @return the answer's body
     * @throws NotificationException when the answer is not 2xx or the request failed
     */
    public String postJson(HttpEndpoint endpoint, byte[] json, Map<String, String> headers)
            throws NotificationException {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.uri()).timeout(requestTimeout)
                .header("User-Agent", "Arus-Notifier/1.0");
        headers.forEach(request::header);
        // the run's trace, when the dispatcher made it current (the run was traced): the receiver may continue it
        W3CTraceContextPropagator.getInstance().inject(Context.current(), request, HttpRequest.Builder::setHeader);
        request.header("Content-Type", JSON).POST(HttpRequest.BodyPublishers.ofByteArray(json));
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpConnectTimeoutException e) {
            throw new NotificationException(endpoint.safeName() + " did not accept a connection within "
                    + seconds(connectTimeout), true, endpoint.redactor().sanitize(e));
        } catch (HttpTimeoutException e) {
            throw new NotificationException(endpoint.safeName() + " did not answer within "
                    + seconds(requestTimeout), true, endpoint.redactor().sanitize(e));
        } catch (IOException e) {
            throw DeliveryFailure.unreachable(endpoint.safeName(), e, endpoint.redactor());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DeliveryFailure.interrupted(endpoint.safeName(), e);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return response.body();
        }
        throw rejected(endpoint, response);
    }

    private static NotificationException rejected(HttpEndpoint endpoint, HttpResponse<String> response) {
        int status = response.statusCode();
        StringBuilder message = new StringBuilder(endpoint.safeName()).append(" answered HTTP ").append(status);
        if (status == 429) {
            message.append(" (rate limited");
            RetryAfter.of(response).ifPresent(wait -> message.append(", retry after ").append(seconds(wait)));
            message.append(')');
        } else if (status >= 300 && status < 400) {
            message.append(" (a redirect; redirects are not followed, configure the final URL)");
        }
        String snippet = snippet(endpoint.redactor().redact(response.body()));
        if (!snippet.isEmpty()) {
            message.append(": ").append(snippet);
        }
        boolean retryable = status == 408 || status == 429 || status >= 500;
        return new NotificationException(message.toString(), retryable, null);
    }

    private static String snippet(String body) {
        return body == null ? "" : RunSummary.clip(body.replaceAll("\\s+", " ").strip(), SNIPPET_LENGTH);
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }
}
