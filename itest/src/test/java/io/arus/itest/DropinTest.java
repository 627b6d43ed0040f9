package io.arus.itest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.arus.itest.fixture.ThrowingComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.junit5.context.BundleContextExtension;

/**
 * The drop-in folder as a plugin author uses it: copy a connector bundle in, replace it, delete it; and what the
 * server shows for files that are not working plugins, while it keeps serving.
 */
@ExtendWith(BundleContextExtension.class)
class DropinTest {
    /** The promise: a dropped connector is usable within 5 s. */
    private static final Duration WITHIN = Duration.ofSeconds(15);
    /** Reporting a broken plugin may wait for the watcher to finish a package refresh of an earlier change. */
    private static final Duration REPORTED_WITHIN = Duration.ofSeconds(15);

    static ArusServer server;

    @InjectBundleContext
    BundleContext context;

    @RegisterExtension
    final DropinFolder dropins = new DropinFolder(WITHIN);
    final Path folder = dropins.path();

    @TempDir
    Path work;

    @BeforeAll
    static void awaitServer() throws Exception {
        server = ArusServer.await();
    }

    @Test
    void generatorDroppedInAppearsIsReplacedInPlaceAndDisappearsWhenDeleted() throws Exception {
        Path generator = Path.of(context.getProperty("arus.itest.generator.jar"));

        PluginJars.drop(generator, folder, "generator.jar");
        long added = server.awaitJson("/api/connectors", WITHIN, list -> PlatformTest.find(list, "generator") != null,
                "the generator connector should appear");
        JsonNode first = PlatformTest.findPlugin(server.json("/api/plugins"), "io.arus.connector.generator");
        assertThat(first.path("dropin").asBoolean()).isTrue();
        assertThat(first.path("file").asText()).isEqualTo("generator.jar");
        assertThat(first.path("state").asText()).isEqualTo("active");
        assertThat(first.path("services")).extracting(JsonNode::asText).containsExactly("connector:generator");
        assertThat(PlatformTest.find(server.json("/api/connectors"), "generator").path("capabilities"))
                .extracting(JsonNode::asText).contains("source", "incremental", "splits");

        PluginJars.drop(PluginJars.withVersion(generator, "0.1.0.replaced", work.resolve("generator-next.jar")), folder,
                "generator.jar");
        long replaced = server.awaitJson("/api/connectors", WITHIN,
                list -> PlatformTest.find(list, "generator") != null
                        && "0.1.0.replaced".equals(PlatformTest.find(list, "generator").path("version").asText()),
                "the replaced generator should be listed with its new version");
        JsonNode second = PlatformTest.findPlugin(server.json("/api/plugins"), "io.arus.connector.generator");
        assertThat(second.path("id").asLong()).as("updated in place, not reinstalled").isEqualTo(first.path("id").asLong());
        assertThat(second.path("version").asText()).isEqualTo("0.1.0.replaced");

        Files.delete(folder.resolve("generator.jar"));
        long removed = server.awaitJson("/api/connectors", WITHIN, list -> PlatformTest.find(list, "generator") == null,
                "the generator connector should disappear");
        System.out.printf("drop-in latency: add %d ms, replace %d ms, remove %d ms%n", added, replaced, removed);
        assertThat(server.get("/api/health").statusCode()).isEqualTo(200);
    }

    @Test
    void fileThatIsNotABundleIsListedAsFailedWhileTheServerKeepsServing() throws Exception {
        byte[] junk = new byte[4096];
        new Random(7).nextBytes(junk);
        Files.write(work.resolve("broken.jar"), junk);
        PluginJars.drop(work.resolve("broken.jar"), folder, "broken.jar");

        JsonNode broken = failedEntry(server.awaitMatch("/api/plugins", REPORTED_WITHIN, plugins -> failedEntry(plugins, "broken.jar") != null,
                "broken.jar should be listed as failed"), "broken.jar");
        assertThat(broken.path("error").asText()).contains("not a JAR file");
        assertThat(broken.path("state").asText()).isEqualTo("not_installed");
        JsonNode health = server.json("/api/health");
        assertThat(health.path("status").asText()).isEqualTo("UP");
        assertThat(health.path("bundles").path("failed").asInt()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void unresolvableBundleIsListedWithTheMissingRequirement() throws Exception {
        Path jar = PluginJars.bundle(work.resolve("unresolvable.jar"), Map.of(
                "Bundle-SymbolicName", "com.example.unresolvable",
                "Bundle-Version", "1.0.0",
                "Import-Package", "com.example.nowhere;version=\"[1.0,2)\""), Map.of());
        PluginJars.drop(jar, folder, "unresolvable.jar");

        JsonNode entry = failedEntry(server.awaitMatch("/api/plugins", REPORTED_WITHIN,
                plugins -> failedEntry(plugins, "unresolvable.jar") != null, "the unresolvable bundle should be listed as failed"),
                "unresolvable.jar");
        assertThat(entry.path("state").asText()).isEqualTo("installed");
        assertThat(entry.path("error").asText()).contains("missing requirement").contains("com.example.nowhere");
        assertThat(server.get("/api/health").statusCode()).isEqualTo(200);
    }

    @Test
    void bundleWhoseComponentThrowsOnActivationIsListedWithTheReason() throws Exception {
        String component = """
                <?xml version="1.0" encoding="UTF-8"?>
                <scr:component xmlns:scr="http://www.osgi.org/xmlns/scr/v1.3.0" name="com.example.throwing"
                    immediate="true" activate="activate">
                  <implementation class="io.arus.itest.fixture.ThrowingComponent"/>
                </scr:component>
                """;
        Path jar = PluginJars.bundle(work.resolve("throwing.jar"), Map.of(
                "Bundle-SymbolicName", "com.example.throwing",
                "Bundle-Version", "1.0.0",
                "Service-Component", "OSGI-INF/throwing.xml"), Map.of("OSGI-INF/throwing.xml", component),
                ThrowingComponent.class);
        PluginJars.drop(jar, folder, "throwing.jar");

        JsonNode entry = failedEntry(server.awaitMatch("/api/plugins", REPORTED_WITHIN, plugins -> failedEntry(plugins, "throwing.jar") != null
                        && failedEntry(plugins, "throwing.jar").path("error").asText().contains("failed to activate"),
                "the bundle with the throwing component should be listed as failed"), "throwing.jar");
        assertThat(entry.path("state").asText()).isEqualTo("active");
        assertThat(entry.path("error").asText()).contains("com.example.throwing").contains("failed to activate")
                .contains(ThrowingComponent.MESSAGE);
        assertThat(server.get("/api/health").statusCode()).isEqualTo(200);
    }

    private static JsonNode failedEntry(JsonNode plugins, String file) {
        for (JsonNode plugin : plugins) {
            if (file.equals(plugin.path("file").asText()) && plugin.path("failed").asBoolean()) {
                return plugin;
            }
        }
        return null;
    }

}
