package io.arus.notifier.base;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.arus.api.notify.NotificationException;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpDeliveryTest {
    private static final String TOKEN = "xoxb-T0KEN-0123456789abcdef";

    private RecordingServer server;
    private HttpEndpoint endpoint;
    private final HttpDelivery delivery = new HttpDelivery();

    @BeforeEach
    void start() throws IOException {
        server = RecordingServer.start();
        endpoint = HttpEndpoint.secretUrl("Test hook", server.url("/hooks/" + TOKEN + "?key=" + TOKEN));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void postsTheExactBodyAsJsonWithTheGivenHeaders() throws Exception {
        server.answer(200, "{\"ok\":true}");
        byte[] body = "{\"text\":\"héllo\"}".getBytes(StandardCharsets.UTF_8);

        String answer = delivery.postJson(endpoint, body, Map.of("X-Extra", "1"));

        RecordedRequest request = server.take();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/hooks/" + TOKEN + "?key=" + TOKEN);
        assertThat(request.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
        assertThat(request.header("X-Extra")).isEqualTo("1");
        assertThat(request.body()).isEqualTo(body);
        assertThat(answer).isEqualTo("{\"ok\":true}");
    }

    @Test
    void aNotificationOfATracedRunCarriesItsTraceparentAndOneOfAnUntracedRunNone() throws Exception {
        server.answer(200, "{}");
        server.answer(200, "{}");
        SpanContext run = SpanContext.createFromRemoteParent("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7",
                TraceFlags.getSampled(), TraceState.getDefault());
        try (Scope scope = Context.root().with(Span.wrap(run)).makeCurrent()) {
            delivery.postJson(endpoint, "{}");
        }
        delivery.postJson(endpoint, "{}");

        assertThat(server.take().header("traceparent")).isEqualTo("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        assertThat(server.take().header("traceparent")).isNull();
    }

    @Test
    void aServerErrorIsRetryableAndTheMessageHidesTheUrl() {
        server.answer(500, "internal error while handling /hooks/" + TOKEN);

        NotificationException failure = fail();

        assertThat(failure.isRetryable()).isTrue();
        assertThat(failure.getMessage())
                .startsWith("Test hook at " + HttpEndpoint.origin(server.url("/")) + " answered HTTP 500: ")
                .contains("internal error while handling ******")
                .doesNotContain(TOKEN);
    }

    @Test
    void aClientErrorIsPermanent() {
        server.answer(404, "no_service");

        NotificationException failure = fail();

        assertThat(failure.isRetryable()).isFalse();
        assertThat(failure.getMessage()).endsWith("answered HTTP 404: no_service");
    }

    @Test
    void rateLimitingIsRetryableAndSaysHowLongToWait() {
        server.answer(429, "", Map.of("Retry-After", "30"));

        NotificationException failure = fail();

        assertThat(failure.isRetryable()).isTrue();
        assertThat(failure.getMessage()).endsWith("answered HTTP 429 (rate limited, retry after 30 s)");
    }

    @Test
    void aRedirectIsNotFollowed() {
        server.answer(301, "", Map.of("Location", "https://elsewhere.example.com/"));

        NotificationException failure = fail();

        assertThat(failure.isRetryable()).isFalse();
        assertThat(failure.getMessage()).contains("HTTP 301 (a redirect");
        assertThat(server.waiting()).isEqualTo(1);
    }

    @Test
    void aSlowServerTimesOutRetryably() {
        server.answerAfter(Duration.ofSeconds(4));
        HttpDelivery impatient = new HttpDelivery(Duration.ofSeconds(5), Duration.ofMillis(1500));

        NotificationException failure = catchThrowableOfType(NotificationException.class,
                () -> impatient.postJson(endpoint, "{}"));

        assertThat(failure.isRetryable()).isTrue();
        assertThat(failure.getMessage()).endsWith("did not answer within 1500 ms");
        assertThat(traceOf(failure)).doesNotContain(TOKEN);
    }

    @Test
    void aRefusedConnectionIsRetryableAndNamesNoSecret() throws IOException {
        URI closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/hooks/" + TOKEN);
        }
        HttpEndpoint gone = HttpEndpoint.secretUrl("Test hook", closed);

        NotificationException failure = catchThrowableOfType(NotificationException.class,
                () -> delivery.postJson(gone, "{}"));

        assertThat(failure.isRetryable()).isTrue();
        assertThat(failure.getMessage()).startsWith("Test hook at http://127.0.0.1:" + closed.getPort()
                + " could not be reached: ConnectException");
        assertThat(traceOf(failure)).doesNotContain(TOKEN);
    }

    private NotificationException fail() {
        return catchThrowableOfType(NotificationException.class, () -> delivery.postJson(endpoint, "{}"));
    }

    private static String traceOf(Throwable failure) {
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        return trace.toString();
    }
}
