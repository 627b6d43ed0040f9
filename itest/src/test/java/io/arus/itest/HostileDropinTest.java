package io.arus.itest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.arus.itest.fixture.HangingActivator;
import io.arus.itest.fixture.HangingComponent;
import io.arus.itest.fixture.HangingConnector;
import io.arus.itest.fixture.StubbornActivator;
import io.arus.itest.fixture.ThrowingActivator;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.junit5.context.BundleContextExtension;

/**
 * Plugins that misbehave in the drop-in folder: an activator or a component that never returns, an activator
 * that throws, a second copy of an installed bundle, and a watcher thread that is killed. Other drop-ins keep
 * working, the listing says what is wrong, and the admin can take the bad one out.
 * <p>
 * itest.bndrun sets {@code arus.dropin.activation.timeout=5} (2 s was too short for an uninstall on a loaded
 * 2-core machine in the full suite).
 */
@ExtendWith(BundleContextExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileDropinTest {
    /** The activation time limit set in itest.bndrun. */
    private static final int TIMEOUT_S = 5;
    private static final Duration WITHIN = Duration.ofSeconds(20);

    static ArusServer server;

    @InjectBundleContext
    BundleContext context;

    @RegisterExtension
    final DropinFolder dropins = new DropinFolder(Duration.ofSeconds(20));
    final Path folder = dropins.path();

    @TempDir
    Path work;

    @BeforeAll
    static void awaitServer() throws Exception {
        server = ArusServer.await();
    }

    @Test
    void activatorThatNeverReturnsHoldsUpNoOtherPluginIsReportedAndIsRemovedByDelete() throws Exception {
        PluginJars.drop(activatorBundle("hung.jar", "com.example.hung", HangingActivator.class), folder, "hung.jar");
        server.awaitJson("/api/plugins", WITHIN, plugins -> !entry(plugins, "hung.jar").isMissingNode()
                && entry(plugins, "hung.jar").path("id").asLong() >= 0, "the hanging bundle should be installed");

        PluginJars.drop(Path.of(context.getProperty("arus.itest.generator.jar")), folder, "generator.jar");
        long took = server.awaitJson("/api/connectors", WITHIN, list -> PlatformTest.find(list, "generator") != null,
                "the generator connector should appear while the other plugin's activator hangs");

        JsonNode hung = entry(server.awaitMatch("/api/plugins", WITHIN, plugins -> entry(plugins, "hung.jar").path("failed").asBoolean(),
                "the hanging bundle should be listed as failed"), "hung.jar");
        assertThat(hung.path("error").asText()).contains("activation did not finish in " + TIMEOUT_S + " s");
        assertThat(hung.path("state").asText()).isEqualTo("starting");
        assertThat(server.json("/api/health").path("status").asText()).isEqualTo("UP");
        // What the bnd launcher does to every bundle installed at run time, here while the activator runs: the
        // framework's start-level thread then waits for the bundle and, had the activation marked it to be started,
        // would run the activator again there once ours is interrupted, where no DELETE can reach it (CI, 2026-12-07)
        Bundle bundle = context.getBundle(hung.path("id").asLong());
        bundle.adapt(BundleStartLevel.class).setStartLevel(bundle.adapt(BundleStartLevel.class).getStartLevel());

        HttpResponse<String> deleted = server.send("DELETE", "/api/plugins/" + hung.path("id").asLong(), null, server.adminToken());

        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(204);
        assertThat(entry(server.json("/api/plugins"), "hung.jar").isMissingNode()).as("gone from the listing at once").isTrue();
        assertThat(folder.resolve("hung.jar")).doesNotExist();
        assertThat(context.getBundle(hung.path("id").asLong())).as("uninstalled").isNull();
        System.out.printf("a drop-in after a hanging one: available in %d ms%n", took);
    }

    @Test
    void componentWhoseActivateNeverReturnsBlocksNeitherTheWatcherNorTheApi() throws Exception {
        String component = """
                <?xml version="1.0" encoding="UTF-8"?>
                <scr:component xmlns:scr="http://www.osgi.org/xmlns/scr/v1.3.0" name="com.example.hungcomponent"
                    immediate="true" activate="activate">
                  <implementation class="io.arus.itest.fixture.HangingComponent"/>
                </scr:component>
                """;
        Path jar = PluginJars.bundle(work.resolve("hung-component.jar"), Map.of(
                "Bundle-SymbolicName", "com.example.hungcomponent",
                "Bundle-Version", "1.0.0",
                "Service-Component", "OSGI-INF/hung.xml"), Map.of("OSGI-INF/hung.xml", component), HangingComponent.class);
        PluginJars.drop(jar, folder, "hung-component.jar");

        JsonNode hung = entry(server.awaitMatch("/api/plugins", WITHIN, plugins -> !entry(plugins, "hung-component.jar").isMissingNode()
                        && entry(plugins, "hung-component.jar").path("failed").asBoolean(),
                "the bundle with the hanging component should be listed as failed"), "hung-component.jar");
        assertThat(hung.path("error").asText()).contains("activation did not finish in " + TIMEOUT_S + " s");

        PluginJars.drop(Path.of(context.getProperty("arus.itest.generator.jar")), folder, "generator.jar");
        server.awaitJson("/api/connectors", WITHIN, list -> PlatformTest.find(list, "generator") != null,
                "the generator connector should appear while another plugin's component hangs");

        HttpResponse<String> deleted = server.send("DELETE", "/api/plugins/" + hung.path("id").asLong(), null, server.adminToken());

        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(204);
        assertThat(entry(server.json("/api/plugins"), "hung-component.jar").isMissingNode()).isTrue();
        assertThat(context.getBundle(hung.path("id").asLong())).isNull();
    }

    @Test
    @Order(Integer.MAX_VALUE) // last: see the note in the comment inside
    void connectorWhoseActivateNeverReturnsHoldsUpNeitherOtherConnectorsNorTheApi() throws Exception {
        String component = """
                <?xml version="1.0" encoding="UTF-8"?>
                <scr:component xmlns:scr="http://www.osgi.org/xmlns/scr/v1.3.0" name="com.example.hungconnector"
                    activate="activate">
                  <implementation class="io.arus.itest.fixture.HangingConnector"/>
                  <service><provide interface="io.arus.api.connector.Connector"/></service>
                  <property name="arus.connector.type" value="itest-hanging"/>
                </scr:component>
                """;
        Path jar = PluginJars.bundle(work.resolve("hung-connector.jar"), Map.of(
                "Bundle-SymbolicName", "com.example.hungconnector",
                "Bundle-Version", "1.0.0",
                "Import-Package", "io.arus.api.config,io.arus.api.connector,io.arus.api.plugin",
                "Service-Component", "OSGI-INF/hung.xml"), Map.of("OSGI-INF/hung.xml", component), HangingConnector.class);
        PluginJars.drop(jar, folder, "hung-connector.jar");

        // While the drop-in is installed and started it may show as "resolved but not started" for a moment.
        // Run before the other tests of this class, deleting this connector (its activation interrupted inside the
        // catalog's binding) was followed by uninstalls of the next hanging plugins that did not finish in 5 s;
        // seen 2026-12-05. Most likely the start-level thread's second activation that the first test of this class
        // reproduces (fixed 2026-12-07 by starting drop-ins transiently); this test still runs last.
        JsonNode hung = entry(server.awaitMatch("/api/plugins", WITHIN, plugins -> !entry(plugins, "hung-connector.jar").isMissingNode()
                        && entry(plugins, "hung-connector.jar").path("error").asText().contains("did not finish"),
                "the bundle with the hanging connector should be listed as failed"), "hung-connector.jar");
        assertThat(hung.path("failed").asBoolean()).isTrue();
        assertThat(hung.path("error").asText()).contains("activation did not finish in " + TIMEOUT_S + " s");

        PluginJars.drop(Path.of(context.getProperty("arus.itest.generator.jar")), folder, "generator.jar");
        JsonNode connectors = server.awaitMatch("/api/connectors", WITHIN, list -> PlatformTest.find(list, "generator") != null,
                "the generator connector should appear while another connector's activate hangs");
        assertThat(PlatformTest.find(connectors, HangingConnector.TYPE)).isNull();

        HttpResponse<String> deleted = server.send("DELETE", "/api/plugins/" + hung.path("id").asLong(), null, server.adminToken());

        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(204);
        assertThat(context.getBundle(hung.path("id").asLong())).isNull();
        assertThat(server.json("/api/health").path("status").asText()).isEqualTo("UP");
    }

    @Test
    void activatorThatIgnoresInterruptsIsRefusedWith409UntilItReturns() throws Exception {
        PluginJars.drop(activatorBundle("stubborn.jar", "com.example.stubborn", StubbornActivator.class), folder, "stubborn.jar");
        JsonNode stubborn = entry(server.awaitMatch("/api/plugins", WITHIN, plugins -> !entry(plugins, "stubborn.jar").isMissingNode()
                        && entry(plugins, "stubborn.jar").path("failed").asBoolean(),
                "the stubborn bundle should be listed as failed"), "stubborn.jar");

        HttpResponse<String> refused = server.send("DELETE", "/api/plugins/" + stubborn.path("id").asLong(), null, server.adminToken());

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(ArusServer.JSON.readTree(refused.body()).path("detail").asText())
                .contains("stubborn.jar").contains("did not stop when interrupted");
        assertThat(folder.resolve("stubborn.jar")).as("kept, since the bundle stays").exists();

        server.awaitJson("/api/plugins", Duration.ofSeconds(StubbornActivator.SECONDS + 5),
                plugins -> "active".equals(entry(plugins, "stubborn.jar").path("state").asText())
                        && !entry(plugins, "stubborn.jar").path("failed").asBoolean(),
                "the stubborn bundle should be active once its activator returned");
        HttpResponse<String> deleted = server.send("DELETE", "/api/plugins/" + stubborn.path("id").asLong(), null, server.adminToken());
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(204);
        assertThat(context.getBundle(stubborn.path("id").asLong())).isNull();
    }

    @Test
    void throwingActivatorIsReportedWithItsMessage() throws Exception {
        PluginJars.drop(activatorBundle("throws.jar", "com.example.throws", ThrowingActivator.class), folder, "throws.jar");

        JsonNode entry = entry(server.awaitMatch("/api/plugins", WITHIN, plugins -> !entry(plugins, "throws.jar").isMissingNode()
                        && entry(plugins, "throws.jar").path("error").asText().contains(ThrowingActivator.MESSAGE),
                "the throwing activator's message should be listed"), "throws.jar");
        assertThat(entry.path("failed").asBoolean()).isTrue();
        assertThat(entry.path("state").asText()).isEqualTo("resolved");
        assertThat(entry.path("error").asText()).startsWith("activation failed: ");
    }

    @Test
    void secondBundleWithTheSameSymbolicNameAndVersionIsFailedWithTheReasonNotPending() throws Exception {
        Map<String, String> headers = Map.of("Bundle-SymbolicName", "com.example.twin", "Bundle-Version", "1.2.3");
        PluginJars.drop(PluginJars.bundle(work.resolve("twin-a.jar"), headers, Map.of("a.txt", "a")), folder, "twin-a.jar");
        server.awaitJson("/api/plugins", WITHIN, plugins -> !entry(plugins, "twin-a.jar").isMissingNode()
                && "active".equals(entry(plugins, "twin-a.jar").path("state").asText()), "the first twin should be active");

        PluginJars.drop(PluginJars.bundle(work.resolve("twin-b.jar"), headers, Map.of("b.txt", "b")), folder, "twin-b.jar");

        JsonNode twin = entry(server.awaitMatch("/api/plugins", WITHIN, plugins -> !entry(plugins, "twin-b.jar").isMissingNode()
                && entry(plugins, "twin-b.jar").path("failed").asBoolean(), "the second twin should be listed as failed"), "twin-b.jar");
        assertThat(twin.path("state").asText()).isEqualTo("not_installed");
        assertThat(twin.path("error").asText()).contains("same symbolic name and version")
                .contains("com.example.twin 1.2.3").contains("twin-a.jar");

        Files.delete(folder.resolve("twin-a.jar"));
        server.awaitJson("/api/plugins", WITHIN, plugins -> entry(plugins, "twin-a.jar").isMissingNode()
                        && "active".equals(entry(plugins, "twin-b.jar").path("state").asText()),
                "once the first twin is gone, the second should be installed");
    }

    @Test
    void killedWatcherThreadIsReportedAsDegradedAndRestarted() throws Exception {
        Thread watcher = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("arus-dropin-watcher") || t.getName().startsWith("fileinstall-"))
                .findFirst().orElseThrow(() -> new AssertionError("no drop-in watcher thread"));

        watcher.interrupt();

        JsonNode degraded = server.awaitMatch("/api/health", Duration.ofSeconds(5),
                health -> "DEGRADED".equals(health.path("status").asText()), "health should say DEGRADED");
        assertThat(degraded.path("reason").asText()).contains("drop-in watcher").contains("interrupted");
        assertThat(watcher.isAlive()).isFalse();
        server.awaitJson("/api/health", WITHIN, health -> "UP".equals(health.path("status").asText()),
                "health should be UP again once the watcher is restarted");

        PluginJars.drop(Path.of(context.getProperty("arus.itest.generator.jar")), folder, "generator.jar");
        server.awaitJson("/api/connectors", WITHIN, list -> PlatformTest.find(list, "generator") != null,
                "a drop-in should work again after the restart");
        JsonNode generator = PlatformTest.findPlugin(server.json("/api/plugins"), "io.arus.connector.generator");
        assertThat(context.getBundle(generator.path("id").asLong()).getState()).isEqualTo(Bundle.ACTIVE);
    }

    private Path activatorBundle(String file, String symbolicName, Class<?> activator) throws Exception {
        return PluginJars.bundle(work.resolve(file), Map.of(
                "Bundle-SymbolicName", symbolicName,
                "Bundle-Version", "1.0.0",
                "Bundle-Activator", activator.getName(),
                "Import-Package", "org.osgi.framework"), Map.of(), activator);
    }

    /** @return the drop-in plugin listed for the file, or a missing node */
    private static JsonNode entry(JsonNode plugins, String file) {
        for (JsonNode plugin : plugins) {
            if (plugin.path("dropin").asBoolean() && file.equals(plugin.path("file").asText())) {
                return plugin;
            }
        }
        return MissingNode.getInstance();
    }
}
