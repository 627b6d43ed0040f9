package io.arus.itest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.arus.api.connector.Connector;
import io.arus.core.platform.PluginCatalog;
import io.arus.core.platform.PluginKind;
import io.arus.itest.fixture.FixedConnector;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Hashtable;
import java.util.List;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

/** The server's REST endpoints, console and shell, and how they follow plugin services on the registry. */
@ExtendWith({BundleContextExtension.class, ServiceExtension.class})
class PlatformTest {
    static ArusServer server;

    @InjectBundleContext
    BundleContext context;

    @InjectService
    PluginCatalog catalog;

    @InjectService
    CommandProcessor shell;

    @BeforeAll
    static void awaitServer() throws Exception {
        server = ArusServer.await();
    }

    @Test
    void healthIsUpWithVersionUptimeAndBundleCounts() throws Exception {
        JsonNode health = server.json("/api/health");

        assertThat(health.path("status").asText()).isEqualTo("UP");
        assertThat(health.path("version").asText()).startsWith("0.1.0");
        assertThat(health.path("uptime_s").isIntegralNumber()).isTrue();
        assertThat(health.path("bundles").path("active").asInt()).isGreaterThan(30);
        assertThat(health.path("bundles").has("failed")).isTrue();
    }

    @Test
    void consolePageIsServedAtTheRootWithItsScript() throws Exception {
        HttpResponse<String> page = server.get("/");
        HttpResponse<String> script = server.get("/console.js");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.body()).contains("<title>Arus</title>").contains("console.js");
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.body()).contains("from './js/router.js'");
        assertThat(server.get("/js/router.js").statusCode()).isEqualTo(200);
        for (HttpResponse<String> response : List.of(page, script)) {
            assertThat(response.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                    assertThat(csp).contains("script-src 'self';").contains("frame-ancestors 'none'")
                            .doesNotContain("unsafe-eval"));
            assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        }
    }

    @Test
    void unknownApiPathAnswersProblemJson() throws Exception {
        HttpResponse<String> response = server.get("/api/no-such-thing");
        JsonNode problem = ArusServer.JSON.readTree(response.body());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(problem.path("status").asInt()).isEqualTo(404);
        assertThat(problem.path("title").asText()).isEqualTo("Not Found");
        assertThat(problem.path("instance").asText()).isEqualTo("/api/no-such-thing");
    }

    @Test
    void connectorServiceAppearsInApiAndShellThenDisappears() throws Exception {
        ServiceRegistration<Connector> registration = context.registerService(Connector.class,
                new FixedConnector("itest-fixed"), props(Connector.TYPE_PROPERTY, "itest-fixed"));
        try {
            server.awaitJson("/api/connectors", Duration.ofSeconds(15), list -> find(list, "itest-fixed") != null,
                    "itest-fixed should be listed");
            JsonNode connector = server.json("/api/connectors/itest-fixed");

            assertThat(connector.path("name").asText()).isEqualTo("Fixed itest-fixed");
            assertThat(connector.path("version").asText()).isEqualTo("9.9.9");
            assertThat(connector.path("bundle").asText()).isEqualTo("io.arus.itest-tests");
            assertThat(connector.path("capabilities")).extracting(JsonNode::asText).containsExactly("destination", "upsert");
            JsonNode config = connector.path("config");
            assertThat(config).extracting(f -> f.path("name").asText()).containsExactly("host", "port", "password");
            assertThat(config.get(0).path("required").asBoolean()).isTrue();
            assertThat(config.get(0).path("type").asText()).isEqualTo("host");
            assertThat(config.get(1).path("default").asInt()).isEqualTo(5432);
            assertThat(config.get(2).path("secret").asBoolean()).isTrue();
            assertThat(catalog.types(PluginKind.CONNECTOR)).anyMatch(t -> t.type().equals("itest-fixed"));
            assertThat(run("arus:connectors")).contains("itest-fixed").contains("Fixed itest-fixed")
                    .contains("destination,upsert").contains("host*");
        } finally {
            registration.unregister();
        }
        server.awaitJson("/api/connectors", Duration.ofSeconds(15), list -> find(list, "itest-fixed") == null,
                "itest-fixed should be gone");
        assertThat(server.get("/api/connectors/itest-fixed").statusCode()).isEqualTo(404);
    }

    @Test
    void connectorWhoseDescriptorContradictsItsPropertyIsReportedNotListed() throws Exception {
        ServiceRegistration<Connector> registration = context.registerService(Connector.class,
                new FixedConnector("itest-real-name"), props(Connector.TYPE_PROPERTY, "itest-other-name"));
        try {
            JsonNode plugins = server.json("/api/plugins");
            JsonNode testBundle = findPlugin(plugins, "io.arus.itest-tests");

            assertThat(testBundle.path("failed").asBoolean()).isTrue();
            assertThat(testBundle.path("error").asText()).contains("itest-real-name").contains("itest-other-name");
            assertThat(find(server.json("/api/connectors"), "itest-real-name")).isNull();
            assertThat(find(server.json("/api/connectors"), "itest-other-name")).isNull();
        } finally {
            registration.unregister();
        }
        assertThat(findPlugin(server.json("/api/plugins"), "io.arus.itest-tests").path("failed").asBoolean()).isFalse();
    }

    @Test
    void pluginsListEveryBundleWithItsState() throws Exception {
        JsonNode plugins = server.json("/api/plugins");

        assertThat(plugins.isArray()).isTrue();
        JsonNode system = plugins.get(0);
        assertThat(system.path("id").asLong()).isZero();
        assertThat(system.path("state").asText()).isEqualTo("active");
        JsonNode rest = findPlugin(plugins, "io.arus.core.rest");
        assertThat(rest.path("state").asText()).isEqualTo("active");
        assertThat(rest.path("dropin").asBoolean()).isFalse();
        assertThat(rest.path("failed").asBoolean()).isFalse();
        assertThat(rest.has("version") && rest.has("location") && rest.has("services")).isTrue();
        assertThat(run("arus:plugins")).contains("io.arus.core.rest").contains("active").contains("drop-in folder:");
    }

    @Test
    void transformAndNotifierListsAreEmptyUntilPluginsProvideThem() throws Exception {
        assertThat(server.json("/api/transforms").isArray()).isTrue();
        assertThat(server.json("/api/notifiers").isArray()).isTrue();
        assertThat(run("arus:notifiers")).contains("TYPE").contains("notifier type");
    }

    private String run(String command) throws Exception {
        return execute(shell, command);
    }

    /** Runs a Gogo command line as the server's terminal would and answers what it printed and returned. */
    static String execute(CommandProcessor shell, String command) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        try (CommandSession session = shell.createSession(new ByteArrayInputStream(new byte[0]), print, print)) {
            Object result = session.execute(command);
            return out.toString(StandardCharsets.UTF_8) + (result == null ? "" : result.toString());
        }
    }

    static JsonNode find(JsonNode list, String type) {
        for (JsonNode item : list) {
            if (type.equals(item.path("type").asText())) {
                return item;
            }
        }
        return null;
    }

    static JsonNode findPlugin(JsonNode plugins, String symbolicName) {
        for (JsonNode plugin : plugins) {
            if (symbolicName.equals(plugin.path("symbolic_name").asText())) {
                return plugin;
            }
        }
        throw new AssertionError("no plugin " + symbolicName + " in " + plugins);
    }

    private static Hashtable<String, Object> props(String key, Object value) {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(key, value);
        return props;
    }
}
