package io.arus.itest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.FrameworkUtil;

/**
 * What a hostile or careless client sends: oversized and chunked bodies, a 19 MB login flood, bad charsets, bad
 * numbers, coerced types, nulls, unknown fields, and URIs Jetty refuses before any servlet runs. Every answer is an
 * {@code application/problem+json} document; raw sockets are used where a client library would fix the request.
 */
class HardeningTest {
    private static final int MB = 1024 * 1024;
    static ArusServer server;

    @BeforeAll
    static void awaitServer() throws Exception {
        server = ArusServer.await();
    }

    /** One HTTP/1.1 answer read off a raw socket. */
    record Answer(int status, Map<String, String> headers, String body, boolean closed) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        JsonNode json() throws IOException {
            return ArusServer.JSON.readTree(body);
        }
    }

    @Test
    void aLoginFloodOf32Concurrent19MbBodiesIsRefusedWith413WithoutReadingThem() throws Exception {
        long allocatedBefore = allocatedBytes();
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) 'a');
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            List<Future<Answer>> answers = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                boolean chunked = i % 2 == 1;
                answers.add(pool.submit(() -> flood(chunk, 19 * MB, chunked)));
            }
            for (Future<Answer> future : answers) {
                Answer answer = future.get(120, TimeUnit.SECONDS);
                assertThat(answer.status()).as(answer.toString()).isEqualTo(413);
                assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
                assertThat(answer.json().path("status").asInt()).isEqualTo(413);
                assertThat(answer.json().path("detail").asText()).isEqualTo("the request body is larger than 1 MB");
            }
        } finally {
            pool.shutdownNow();
        }
        long allocatedMb = (allocatedBytes() - allocatedBefore) / MB;

        // 608 MB were sent: the server read at most 1 MB of each chunked body and none of the others
        assertThat(allocatedMb).as("MB allocated by the server's threads during the flood").isLessThan(200);
        assertThat(Files.readString(serverLog())).doesNotContain("OutOfMemoryError");
        assertThat(server.json("/api/health").path("status").asText()).isEqualTo("UP");
        assertThat(server.login("admin", ArusServer.ADMIN_PASSWORD)).isNotBlank();
    }

    @Test
    void aJsonBodyOverOneMbIsA413EvenWhenItsLengthIsNotDeclared() throws Exception {
        String big = "{\"name\": \"" + "n".repeat(MB + 10) + "\"}";
        byte[] body = big.getBytes(StandardCharsets.UTF_8);

        Answer declared = exchange(("POST /api/tokens HTTP/1.1\r\nHost: arus\r\nAuthorization: Bearer " + server.adminToken()
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.UTF_8), body);
        Answer chunked = exchange(("POST /api/tokens HTTP/1.1\r\nHost: arus\r\nAuthorization: Bearer " + server.adminToken()
                + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.UTF_8),
                chunked(body));

        for (Answer answer : List.of(declared, chunked)) {
            assertThat(answer.status()).as(answer.toString()).isEqualTo(413);
            assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
            assertThat(answer.header("Connection")).isEqualToIgnoringCase("close");
        }
    }

    @Test
    void aBodyJustUnderTheLimitIsStillRead() throws Exception {
        HttpResponse<String> response = server.send("POST", "/api/tokens",
                "{\"name\": \"" + "n".repeat(MB - 100) + "\"}", server.adminToken());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(problem(response).path("errors").get(0).path("field").asText()).isEqualTo("name");
    }

    @Test
    void anUnknownCharsetIsA415Problem() throws Exception {
        byte[] body = "{\"username\":\"admin\",\"password\":\"x\"}".getBytes(StandardCharsets.UTF_8);
        Answer answer = exchange(("POST /api/auth/login HTTP/1.1\r\nHost: arus\r\nContent-Type: application/json; charset=bogus\r\n"
                + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8), body);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(415);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(answer.json().path("detail").asText()).contains("bogus");
    }

    @Test
    void anUnparsableNumberParameterIsA400NamingIt() throws Exception {
        HttpResponse<String> audit = server.get("/api/audit?limit=abc");
        Answer badEscape = exchange(("GET /api/audit?limit=%ZZ HTTP/1.1\r\nHost: arus\r\nAuthorization: Bearer "
                + server.adminToken() + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8), new byte[0]);

        assertThat(audit.statusCode()).isEqualTo(400);
        assertThat(problem(audit).path("errors").get(0).path("field").asText()).isEqualTo("limit");
        assertThat(problem(audit).path("detail").asText()).isEqualTo("limit: must be a whole number");
        assertThat(badEscape.status()).as(badEscape.toString()).isEqualTo(400);
        assertThat(badEscape.header("Content-Type")).startsWith("application/problem+json");
        assertThat(badEscape.json().path("detail").asText()).isEqualTo("the request URI has an invalid %-escape");
    }

    @Test
    void aNullIdInAReplayIsA400NamingIt() throws Exception {
        HttpResponse<String> response = server.send("POST", "/api/dead-letters/replay", "{\"ids\": [null]}", server.adminToken());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(problem(response).path("errors").get(0).path("field").asText()).isEqualTo("ids[0]");
    }

    @Test
    void numbersAndBooleansAreNotCoercedIntoStringFields() throws Exception {
        HttpResponse<String> number = server.send("POST", "/api/auth/login", "{\"username\": 12345, \"password\": \"x\"}", null);
        HttpResponse<String> bool = server.send("POST", "/api/tokens", "{\"name\": true}", server.adminToken());

        assertThat(number.statusCode()).isEqualTo(400);
        assertThat(problem(number).path("errors").get(0).path("field").asText()).isEqualTo("username");
        assertThat(problem(number).path("errors").get(0).path("message").asText()).isEqualTo("must be a string");
        assertThat(bool.statusCode()).isEqualTo(400);
        assertThat(problem(bool).path("errors").get(0).path("field").asText()).isEqualTo("name");
    }

    @Test
    void unknownFieldsAreRefusedWithTheirPath() throws Exception {
        HttpResponse<String> response = server.send("POST", "/api/sources",
                "{\"name\": \"x\", \"type\": \"postgresql\", \"config\": {}, \"colour\": \"red\"}", server.adminToken());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(problem(response).path("errors").get(0).path("field").asText()).isEqualTo("colour");
        assertThat(problem(response).path("detail").asText()).isEqualTo("colour: is not a known field");
    }

    @Test
    void configStringsAreBoundedByTheirKindNamingTheField() throws Exception {
        Map<String, Object> config = DatabasePipelineTest.pgConfig();
        config.put("database", "d".repeat(5_000));
        HttpResponse<String> response = server.send("POST", "/api/sources", ArusServer.JSON.writeValueAsString(
                Map.of("name", "long-" + UUID.randomUUID(), "type", "postgresql", "config", config)), server.adminToken());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(problem(response).path("errors").get(0).path("field").asText()).isEqualTo("config.database");
        assertThat(problem(response).path("errors").get(0).path("message").asText()).isEqualTo("must be at most 1000 characters");
    }

    @Test
    void whatAGetAnswersCanBePutBackForPipelinesConnectionsTargetsAndUsers() throws Exception {
        String source = DatabasePipelineTest.create("/api/sources", "postgresql", DatabasePipelineTest.pgConfig());
        String destination = DatabasePipelineTest.create("/api/destinations", "postgresql", DatabasePipelineTest.pgConfig());
        Map<String, Object> pipeline = new LinkedHashMap<>();
        pipeline.put("name", "roundtrip-" + UUID.randomUUID());
        pipeline.put("source_id", source);
        pipeline.put("destination_id", destination);
        pipeline.put("target_namespace", "roundtrip");
        pipeline.put("streams", List.of(Map.of("name", "public.no_such_table_" + UUID.randomUUID().toString().substring(0, 8),
                "sync_mode", "full_refresh")));
        HttpResponse<String> created = server.send("POST", "/api/pipelines", ArusServer.JSON.writeValueAsString(pipeline),
                server.adminToken());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String pipelineId = ArusServer.JSON.readTree(created.body()).path("id").asText();
        server.runToEnd(pipelineId); // it fails (no such table), but it has run: its GET carries last_run
        HttpResponse<String> target = server.send("POST", "/api/notification-targets", ArusServer.JSON.writeValueAsString(Map.of(
                "name", "roundtrip-" + UUID.randomUUID(), "type", "webhook", "config", Map.of("url", "http://127.0.0.1:9/hook"))),
                server.adminToken());
        assertThat(target.statusCode()).as(target.body()).isEqualTo(201);
        HttpResponse<String> user = server.send("POST", "/api/users", ArusServer.JSON.writeValueAsString(Map.of(
                "username", "roundtrip-" + UUID.randomUUID().toString().substring(0, 8), "password", "roundtrip-password",
                "role", "viewer")), server.adminToken());
        assertThat(user.statusCode()).as(user.body()).isEqualTo(201);

        JsonNode pipelineView = server.json("/api/pipelines/" + pipelineId);
        assertThat(pipelineView.path("last_run").path("id").asText()).isNotEmpty();
        assertRoundTrip("PUT", "/api/pipelines/" + pipelineId, pipelineView);
        assertRoundTrip("PUT", "/api/sources/" + source, server.json("/api/sources/" + source));
        assertRoundTrip("PUT", "/api/destinations/" + destination, server.json("/api/destinations/" + destination));
        String targetId = ArusServer.JSON.readTree(target.body()).path("id").asText();
        assertRoundTrip("PUT", "/api/notification-targets/" + targetId, server.json("/api/notification-targets/" + targetId));
        String userId = ArusServer.JSON.readTree(user.body()).path("id").asText();
        assertRoundTrip("PATCH", "/api/users/" + userId, server.json("/api/users/" + userId));

        // an unknown field beside the read-only ones is still refused, with its path
        ObjectNode typo = (ObjectNode) server.json("/api/pipelines/" + pipelineId);
        typo.put("nmae", "x");
        HttpResponse<String> refused = server.send("PUT", "/api/pipelines/" + pipelineId, typo.toString(), server.adminToken());
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(problem(refused).path("detail").asText()).contains("nmae");
    }

    @Test
    void urisJettyRefusesAreProblemJsonAndCloseTheConnection() throws Exception {
        List<String> targets = List.of("/api/%00", "/api/pipelines/a%2Fb", "//api/health", "/api//health",
                "/api/" + "a".repeat(70_000));
        for (String target : targets) {
            Answer answer = exchange(("GET " + target + " HTTP/1.1\r\nHost: arus\r\n\r\n").getBytes(StandardCharsets.UTF_8), new byte[0]);
            String shown = target.length() > 40 ? target.substring(0, 40) + "..." : target;

            assertThat(answer.status()).as(shown + ": " + answer).isIn(400, 414);
            assertThat(answer.header("Content-Type")).as(shown + ": " + answer).startsWith("application/problem+json");
            assertThat(answer.json().path("status").asInt()).as(shown).isEqualTo(answer.status());
            assertThat(answer.header("Connection")).as(shown + ": " + answer).isEqualToIgnoringCase("close");
            assertThat(answer.closed()).as(shown + ": the connection is closed after the answer").isTrue();
        }
        assertThat(server.json("/api/health").path("status").asText()).isEqualTo("UP");
    }

    @Test
    void aMissingConsoleFileIsAProblemThatKeepsTheConnectionOpen() throws Exception {
        Answer answer = exchange("GET /no-such-file.txt HTTP/1.1\r\nHost: arus\r\n\r\n".getBytes(StandardCharsets.UTF_8), new byte[0]);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(404);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(answer.json().path("detail").asText()).isEqualTo("no such resource");
        assertThat(answer.header("Connection")).isNull();
    }

    private void assertRoundTrip(String method, String path, JsonNode view) throws Exception {
        HttpResponse<String> response = server.send(method, path, view.toString(), server.adminToken());
        assertThat(response.statusCode()).as(method + " " + path + " with its own GET answer: " + response.body()).isEqualTo(200);
    }

    private static JsonNode problem(HttpResponse<String> response) throws IOException {
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        return ArusServer.JSON.readTree(response.body());
    }

    /** POSTs a login body of {@code size} bytes (declared, or chunked), writing it while the answer is read. */
    private static Answer flood(byte[] chunk, long size, boolean chunked) throws Exception {
        String head = "POST /api/auth/login HTTP/1.1\r\nHost: arus\r\nContent-Type: application/json\r\n"
                + (chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + (size + 30) + "\r\n") + "\r\n";
        try (Socket socket = socket()) {
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.UTF_8));
            Thread writer = new Thread(() -> {
                try {
                    byte[] start = "{\"password\":\"x\",\"username\":\"".getBytes(StandardCharsets.UTF_8);
                    write(out, start, chunked);
                    for (long sent = 0; sent < size; sent += chunk.length) {
                        write(out, chunk, chunked);
                    }
                    write(out, "\"}".getBytes(StandardCharsets.UTF_8), chunked);
                    if (chunked) {
                        out.write("0\r\n\r\n".getBytes(StandardCharsets.UTF_8));
                    }
                } catch (IOException e) {
                    // the server closed the connection after its answer: the rest of the body is not wanted
                }
            });
            writer.start();
            Answer answer = read(socket);
            writer.join(TimeUnit.SECONDS.toMillis(60));
            return answer;
        }
    }

    private static void write(OutputStream out, byte[] bytes, boolean chunked) throws IOException {
        if (chunked) {
            out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        } else {
            out.write(bytes);
        }
    }

    private static byte[] chunked(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < body.length; i += 8192) {
            int n = Math.min(8192, body.length - i);
            out.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, i, n);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    /** Sends the head and the body (the latter from a second thread, so an early answer is read) and reads the answer. */
    private static Answer exchange(byte[] head, byte[] body) throws Exception {
        try (Socket socket = socket()) {
            OutputStream out = socket.getOutputStream();
            out.write(head);
            Thread writer = new Thread(() -> {
                try {
                    out.write(body);
                    out.flush();
                } catch (IOException e) {
                    // closed by the server after its answer
                }
            });
            writer.start();
            Answer answer = read(socket);
            writer.join(10_000);
            return answer;
        }
    }

    private static Socket socket() throws IOException {
        URI base = URI.create(server.base());
        Socket socket = new Socket(base.getHost(), base.getPort());
        socket.setSoTimeout(30_000);
        return socket;
    }

    /** Reads one answer: status line, headers, a Content-Length or chunked body; then whether the server closed. */
    private static Answer read(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        String status = line(in);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = line(in); !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (headers.containsKey("content-length")) {
            body.write(in.readNBytes(Integer.parseInt(headers.get("content-length"))));
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            for (int size = Integer.parseInt(line(in).trim(), 16); size > 0; size = Integer.parseInt(line(in).trim(), 16)) {
                body.write(in.readNBytes(size));
                line(in);
            }
            line(in);
        } else {
            // neither: the body ends with the connection (HTTP/1.1 with Connection: close)
            byte[] buffer = new byte[8192];
            try {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    body.write(buffer, 0, n);
                }
            } catch (IOException e) {
                // reset after the answer
            }
            return new Answer(Integer.parseInt(status.split(" ")[1]), headers, body.toString(StandardCharsets.UTF_8), true);
        }
        boolean closed;
        try {
            // a connection kept open answers nothing more: wait a few seconds for a close, not the whole read timeout
            socket.setSoTimeout(3_000);
            closed = in.read() < 0;
        } catch (SocketTimeoutException e) {
            closed = false;
        } catch (IOException e) {
            closed = true; // reset after the answer: closed too
        }
        return new Answer(Integer.parseInt(status.split(" ")[1]), headers, body.toString(StandardCharsets.UTF_8), closed);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("the connection ended inside an answer: " + line.toString(StandardCharsets.UTF_8));
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    /** What every live thread of this JVM (the server and the test) has allocated so far. */
    private static long allocatedBytes() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        return Arrays.stream(threads.getThreadAllocatedBytes(threads.getAllThreadIds())).filter(b -> b > 0).sum();
    }

    private static Path serverLog() {
        return Path.of(FrameworkUtil.getBundle(HardeningTest.class).getBundleContext().getProperty("arus.log.file"));
    }
}
