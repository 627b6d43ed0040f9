package io.arus.itest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.BundleContext;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.junit5.context.BundleContextExtension;

/**
 * Plugins through the API, as the console's plugin page uses it: {@code POST /api/plugins} puts a JAR into the
 * drop-in folder (multipart or a raw body), the watcher installs it, {@code DELETE /api/plugins/{id}} takes it out;
 * anything but a bundle JAR with a plain name is refused with a 400 naming {@code file}.
 */
@ExtendWith(BundleContextExtension.class)
class PluginUploadTest {
    /** Installing after the rename: the watcher polls every 500 ms and waits for a stable file. */
    private static final Duration WITHIN = Duration.ofSeconds(15);
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static ArusServer server;

    @InjectBundleContext
    BundleContext context;

    Path folder;
    byte[] generator;

    @BeforeAll
    static void awaitServer() throws Exception {
        server = ArusServer.await();
    }

    @BeforeEach
    void emptyFolder() throws Exception {
        folder = Path.of(context.getProperty("felix.fileinstall.dir"));
        generator = Files.readAllBytes(Path.of(context.getProperty("arus.itest.generator.jar")));
        clear();
    }

    @AfterEach
    void cleanUp() throws Exception {
        clear();
    }

    private void clear() throws Exception {
        Files.createDirectories(folder);
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        server.awaitJson("/api/connectors", WITHIN, list -> PlatformTest.find(list, "generator") == null,
                "no generator connector should be installed before and after each test");
    }

    @Test
    void uploadedGeneratorAppearsAsAConnectorAndDeletingItTakesItAway() throws Exception {
        HttpResponse<String> uploaded = multipart("generator-upload.jar", generator, server.adminToken());

        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
        JsonNode answer = ArusServer.JSON.readTree(uploaded.body());
        assertThat(answer.path("file").asText()).isEqualTo("generator-upload.jar");
        assertThat(answer.path("bytes").asLong()).isEqualTo(generator.length);
        assertThat(answer.path("sha256").asText()).isEqualTo(sha256(generator));
        assertThat(answer.path("replaced").asBoolean()).isFalse();
        assertThat(Files.readAllBytes(folder.resolve("generator-upload.jar"))).isEqualTo(generator);
        assertThat(leftovers()).as("no temporary file stays behind").isEmpty();

        server.awaitJson("/api/connectors", WITHIN, list -> PlatformTest.find(list, "generator") != null,
                "the uploaded generator connector should appear");
        JsonNode plugin = server.awaitMatch("/api/plugins", WITHIN, plugins -> dropin(plugins, "generator-upload.jar") != null
                && dropin(plugins, "generator-upload.jar").path("services").toString().contains("connector:generator"),
                "the upload should be listed as an active drop-in providing connector:generator");
        JsonNode entry = dropin(plugin, "generator-upload.jar");
        assertThat(entry.path("state").asText()).isEqualTo("active");
        assertThat(audited("plugin.upload", "plugin:generator-upload.jar")).isTrue();

        HttpResponse<String> deleted = server.send("DELETE", "/api/plugins/" + entry.path("id").asLong(), null, server.adminToken());

        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(204);
        assertThat(folder.resolve("generator-upload.jar")).doesNotExist();
        server.awaitJson("/api/connectors", WITHIN, list -> PlatformTest.find(list, "generator") == null,
                "the generator connector should disappear after DELETE");
        assertThat(audited("plugin.delete", "plugin:generator-upload.jar")).isTrue();
    }

    @Test
    void rawBodyNamedByQueryIsStoredAndASecondUploadReplacesIt() throws Exception {
        HttpResponse<String> first = raw("/api/plugins?filename=generator-raw.jar", generator, server.adminToken());
        HttpResponse<String> second = raw("/api/plugins?filename=generator-raw.jar", generator, server.adminToken());

        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
        assertThat(ArusServer.JSON.readTree(second.body()).path("replaced").asBoolean()).isTrue();
        server.awaitJson("/api/connectors", WITHIN, list -> PlatformTest.find(list, "generator") != null,
                "the generator connector should appear");

        HttpResponse<String> deleted = server.send("DELETE", "/api/plugins/generator-raw.jar", null, server.adminToken());

        assertThat(deleted.statusCode()).as("a drop-in can also be deleted by its file name: " + deleted.body()).isEqualTo(204);
        server.awaitJson("/api/connectors", WITHIN, list -> PlatformTest.find(list, "generator") == null,
                "the generator connector should disappear");
    }

    @Test
    void refusesAnythingButABundleJarWithAPlainNameAndSaysWhyInTheFileField() throws Exception {
        byte[] junk = new byte[4096];
        new Random(3).nextBytes(junk);
        byte[] notABundle = plainJar();
        String token = server.adminToken();

        List<HttpResponse<String>> refused = List.of(
                raw("/api/plugins?filename=has%20space.jar", generator, token),
                raw("/api/plugins?filename=.hidden.jar", generator, token),
                raw("/api/plugins?filename=plugin.zip", generator, token),
                raw("/api/plugins", generator, token),
                raw("/api/plugins?filename=junk.jar", junk, token),
                raw("/api/plugins?filename=empty.jar", new byte[0], token),
                raw("/api/plugins?filename=plain.jar", notABundle, token),
                multipart("../../escape.zip", generator, token),
                multipartWithField("other", "generator.jar", generator, token));

        for (HttpResponse<String> response : refused) {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            JsonNode problem = ArusServer.JSON.readTree(response.body());
            assertThat(problem.path("errors").path(0).path("field").asText()).as(response.body()).isEqualTo("file");
        }
        assertThat(ArusServer.JSON.readTree(refused.get(4).body()).path("detail").asText()).contains("not a JAR file");
        assertThat(ArusServer.JSON.readTree(refused.get(6).body()).path("detail").asText()).contains("not an OSGi bundle");
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.toList()).as("nothing refused reaches the drop-in folder").isEmpty();
        }
    }

    @Test
    void onlyAdminsUploadAndDeleteAndBuiltInBundlesCannotBeDeleted() throws Exception {
        String editor = Users.token(server, "editor");

        assertThat(raw("/api/plugins?filename=generator.jar", generator, editor).statusCode()).isEqualTo(403);
        assertThat(raw("/api/plugins?filename=generator.jar", generator, null).statusCode()).isEqualTo(401);
        assertThat(server.send("DELETE", "/api/plugins/0", null, editor).statusCode()).isEqualTo(403);

        HttpResponse<String> systemBundle = server.send("DELETE", "/api/plugins/0", null, server.adminToken());
        HttpResponse<String> unknown = server.send("DELETE", "/api/plugins/987654", null, server.adminToken());

        assertThat(systemBundle.statusCode()).as(systemBundle.body()).isEqualTo(409);
        assertThat(ArusServer.JSON.readTree(systemBundle.body()).path("detail").asText()).contains("not a drop-in");
        assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(404);
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.toList()).isEmpty();
        }
    }

    private HttpResponse<String> raw(String path, byte[] body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.base() + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/octet-stream").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> multipart(String filename, byte[] content, String token) throws Exception {
        return multipartWithField("file", filename, content, token);
    }

    /** A body as a browser's FormData sends it, with a text field before the file. */
    private HttpResponse<String> multipartWithField(String field, String filename, byte[] content, String token) throws Exception {
        String boundary = "----ArusItest" + Long.toHexString(new Random().nextLong());
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"comment\"\r\n\r\nfrom the itest\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\"" + filename + "\"\r\n"
                + "Content-Type: application/java-archive\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.base() + "/api/plugins")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary).header("Accept", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode dropin(JsonNode plugins, String file) {
        for (JsonNode plugin : plugins) {
            if (plugin.path("dropin").asBoolean() && file.equals(plugin.path("file").asText())) {
                return plugin;
            }
        }
        return null;
    }

    private static boolean audited(String action, String target) throws Exception {
        for (JsonNode entry : server.json("/api/audit?limit=50")) {
            if (action.equals(entry.path("action").asText()) && target.equals(entry.path("target").asText())) {
                return true;
            }
        }
        return false;
    }

    private List<Path> leftovers() throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> !f.getFileName().toString().endsWith(".jar")).toList();
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /** A JAR with a manifest but no Bundle-SymbolicName: a library, not a bundle. */
    private static byte[] plainJar() throws Exception {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Implementation-Title", "not a bundle");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream out = new JarOutputStream(bytes, manifest)) {
            out.putNextEntry(new JarEntry("readme.txt"));
            out.write("not a bundle".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return bytes.toByteArray();
    }
}
