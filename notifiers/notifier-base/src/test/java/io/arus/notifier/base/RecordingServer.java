package io.arus.notifier.base;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP server on a free loopback port that stands in for Slack, Discord, Telegram or a webhook receiver:
 * it records every request and gives the answer the test set up.
 */
public final class RecordingServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final BlockingQueue<RecordedRequest> requests = new LinkedBlockingQueue<>();
    private volatile Answer answer = new Answer(200, "ok", Map.of(), Duration.ZERO);

    private record Answer(int status, String body, Map<String, String> headers, Duration delay) {
    }

    private RecordingServer(HttpServer server) {
        this.server = server;
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    /**
     * @return a started server on a free port of 127.0.0.1, answering 200 "ok" until told otherwise
     * @throws IOException when no port could be bound
     */
    public static RecordingServer start() throws IOException {
        return new RecordingServer(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
    }

    /**
     * @param status  the status of every following answer
     * @param body    its body
     * @param headers its headers
     */
    public void answer(int status, String body, Map<String, String> headers) {
        answer = new Answer(status, body, headers, Duration.ZERO);
    }

    /**
     * @param status the status of every following answer
     * @param body   its body
     */
    public void answer(int status, String body) {
        answer(status, body, Map.of());
    }

    /** @param delay how long to wait before each following answer (to make a client time out) */
    public void answerAfter(Duration delay) {
        answer = new Answer(answer.status(), answer.body(), answer.headers(), delay);
    }

    /**
     * @param path an absolute path, with a query if wanted
     * @return the URL of that path on this server
     */
    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /**
     * @return the oldest request not yet taken
     * @throws InterruptedException when interrupted while waiting
     * @throws AssertionError       when no request arrived within 5 seconds
     */
    public RecordedRequest take() throws InterruptedException {
        RecordedRequest request = requests.poll(5, TimeUnit.SECONDS);
        if (request == null) {
            throw new AssertionError("no request arrived at " + url("/"));
        }
        return request;
    }

    /** @return how many requests arrived and were not taken yet */
    public int waiting() {
        return requests.size();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        URI uri = exchange.getRequestURI();
        String path = uri.getRawQuery() == null ? uri.getRawPath() : uri.getRawPath() + "?" + uri.getRawQuery();
        requests.add(new RecordedRequest(exchange.getRequestMethod(), path, Map.copyOf(exchange.getRequestHeaders()),
                body));
        Answer current = answer;
        try {
            Thread.sleep(current.delay().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        byte[] reply = current.body().getBytes(StandardCharsets.UTF_8);
        current.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        exchange.sendResponseHeaders(current.status(), reply.length == 0 ? -1 : reply.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(reply);
        }
    }
}
