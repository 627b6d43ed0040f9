package io.arus.itest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.service.http.runtime.HttpServiceRuntime;

/** The running server's HTTP side, as a client outside would use it (random port, read from the HTTP runtime). */
final class ArusServer {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;

    private ArusServer(String base) {
        this.base = base;
    }

    /** Waits until the HTTP runtime has bound its port and {@code /api/health} answers. */
    static ArusServer await() throws Exception {
        BundleContext context = FrameworkUtil.getBundle(ArusServer.class).getBundleContext();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            ServiceReference<HttpServiceRuntime> ref = context.getServiceReference(HttpServiceRuntime.class);
            Object port = ref == null ? null : ref.getProperty("org.osgi.service.http.port");
            if (port != null && !"0".equals(port.toString())) {
                ArusServer server = new ArusServer("http://127.0.0.1:" + port);
                try {
                    if (server.get("/api/health").statusCode() == 200) {
                        return server;
                    }
                } catch (IOException e) {
                    // not listening yet
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the server did not answer /api/health within 30 s");
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
                .header("Accept", "application/json").GET().build();
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }

    JsonNode json(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = get(path);
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /**
     * Polls a JSON endpoint until the condition holds.
     *
     * @return how long it took, in milliseconds
     */
    long awaitJson(String path, Duration timeout, Predicate<JsonNode> condition, String what) throws Exception {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = json(path);
            if (condition.test(last)) {
                return (System.nanoTime() - start) / 1_000_000;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("within " + timeout.toMillis() + " ms, " + what + "; last " + path + ": " + last);
    }
}
