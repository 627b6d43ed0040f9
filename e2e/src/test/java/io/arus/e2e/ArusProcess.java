package io.arus.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The exported server ({@code runtime/target/arus.jar}) as a user runs it: a child process on a free port, with its
 * own data and drop-in folders and a known admin password; stopped with SIGTERM after the tests.
 */
final class ArusProcess implements AutoCloseable {
    static final String ADMIN_PASSWORD = "e2e-admin-password";
    private static final Duration STARTUP = Duration.ofSeconds(180);

    private final Process process;
    private final Path log;
    private final String base;

    private ArusProcess(Process process, Path log, String base) {
        this.process = process;
        this.log = log;
        this.base = base;
    }

    /**
     * Starts the server and waits until {@code /api/health} answers.
     *
     * @param jar  the server jar
     * @param work a folder for its data, plugins and log
     */
    static ArusProcess start(Path jar, Path work) throws Exception {
        return start(jar, work, java.util.Map.of());
    }

    /** As {@link #start(Path, Path)}, with more environment variables (e.g. {@code ARUS_OIDC_*}). */
    static ArusProcess start(Path jar, Path work, java.util.Map<String, String> environment) throws Exception {
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError("the server jar " + jar + " is missing: build it first (./mvnw install -f runtime/pom.xml)");
        }
        Files.createDirectories(work);
        Path data = Files.createDirectories(work.resolve("data"));
        Path plugins = Files.createDirectories(work.resolve("plugins"));
        Path log = work.resolve("server.log");
        int port = freePort();
        ProcessBuilder builder = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx768m", "-jar", jar.toAbsolutePath().toString()))
                .directory(work.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().put("ARUS_HTTP_PORT", Integer.toString(port));
        builder.environment().put("ARUS_HTTP_HOST", "127.0.0.1");
        builder.environment().put("ARUS_DATA_DIR", data.toString());
        builder.environment().put("ARUS_PLUGINS_DIR", plugins.toString());
        builder.environment().put("ARUS_ADMIN_PASSWORD", ADMIN_PASSWORD);
        builder.environment().remove("ARUS_DB_URL");
        builder.environment().putAll(environment);
        ArusProcess server = new ArusProcess(builder.start(), log, "http://127.0.0.1:" + port);
        server.awaitHealthy();
        return server;
    }

    /** @return e.g. {@code http://127.0.0.1:41234} */
    String base() {
        return base;
    }

    /** @return the server's whole log so far */
    String logText() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    /** @return the last lines of the server's log, for failure messages */
    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no server log: " + e.getMessage() + ")";
        }
    }

    private void awaitHealthy() throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("the server exited with " + process.exitValue() + " while starting:\n" + logTail());
            }
            try {
                HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create(base + "/api/health"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200 && health.body().contains("\"UP\"")) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        close();
        throw new AssertionError("the server did not answer /api/health within " + STARTUP.toSeconds() + " s:\n" + logTail());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    /** SIGTERM, then SIGKILL after 30 s. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
