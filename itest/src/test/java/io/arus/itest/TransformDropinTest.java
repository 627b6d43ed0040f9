package io.arus.itest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.arus.itest.fixture.ReversingStep;
import io.arus.itest.fixture.ReversingTransform;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A transform plugin JAR dropped into plugins-dropin/ (issue 14 must-show): listed as a transform type and a plugin
 * service, used in a PostgreSQL to PostgreSQL run together with the built-in add_column and filter (expressions)
 * without a restart; deleted, the type is gone and a run that needs it fails naming it.
 */
class TransformDropinTest {
    private static final Duration WITHIN = Duration.ofSeconds(15);
    private static final String COMPONENT = """
            <?xml version="1.0" encoding="UTF-8"?>
            <scr:component xmlns:scr="http://www.osgi.org/xmlns/scr/v1.3.0" name="com.example.reverse">
              <implementation class="io.arus.itest.fixture.ReversingTransform"/>
              <property name="arus.transform.type" type="String" value="itest_reverse"/>
              <service><provide interface="io.arus.api.transform.Transform"/></service>
            </scr:component>
            """;

    static ArusServer server;

    @RegisterExtension
    final DropinFolder dropins = new DropinFolder(WITHIN);

    @TempDir
    Path work;

    @BeforeAll
    static void awaitServer() throws Exception {
        server = ArusServer.await();
    }

    @Test
    void aDroppedTransformIsListedUsedInARunAndGoneWhenDeleted() throws Exception {
        Path jar = PluginJars.bundle(work.resolve("reverse.jar"), Map.of(
                "Bundle-SymbolicName", "com.example.reverse",
                "Bundle-Version", "1.0.0",
                "Import-Package", "io.arus.api.config;version=\"[1.2,2)\",io.arus.api.plugin;version=\"[1.0,2)\","
                        + "io.arus.api.record;version=\"[1.0,2)\",io.arus.api.transform;version=\"[2.0,3)\","
                        + "io.arus.api.type;version=\"[1.1,2)\"",
                "Service-Component", "OSGI-INF/reverse.xml"), Map.of("OSGI-INF/reverse.xml", COMPONENT),
                ReversingTransform.class, ReversingStep.class);
        PluginJars.drop(jar, dropins.path(), "reverse.jar");

        long added = server.awaitJson("/api/transforms", WITHIN,
                list -> PlatformTest.find(list, ReversingTransform.TYPE) != null, "the dropped transform should be listed");
        JsonNode type = PlatformTest.find(server.json("/api/transforms"), ReversingTransform.TYPE);
        assertThat(type.path("name").asText()).isEqualTo("Reverse (drop-in test)");
        JsonNode plugin = PlatformTest.findPlugin(server.json("/api/plugins"), "com.example.reverse");
        assertThat(plugin.path("dropin").asBoolean()).isTrue();
        assertThat(plugin.path("state").asText()).isEqualTo("active");
        assertThat(plugin.path("services")).extracting(JsonNode::asText).containsExactly("transform:itest_reverse");

        String schema = "itest_tdrop_src_" + shortId();
        String target = "itest_tdrop_dst_" + shortId();
        Sql.postgres("arus_test", "CREATE SCHEMA " + schema + "; CREATE TABLE " + schema + ".items (id bigint PRIMARY KEY,"
                + " name text NOT NULL, price numeric(12,2)); INSERT INTO " + schema + ".items SELECT g, 'item ' || g,"
                + " g * 1.5 FROM generate_series(1, 200) g;");
        try {
            String pipeline = pipeline(schema, target, List.of(
                    step(ReversingTransform.TYPE, Map.of("column", "name")),
                    step("add_column", Map.of("name", "label", "expression", "str:upper(name) + '/' + id")),
                    step("add_column", Map.of("name", "gross", "expression", "math:round(price * 1.21, 2)",
                            "type", "decimal(12,2)")),
                    step("filter", Map.of("expression", "id % 4 == 0 || re:matches(name, '^7')"))));

            JsonNode run = server.runToEnd(pipeline);

            // succeeded_with_warnings: the default row_count check compares 200 source rows with the filtered rest
            assertThat(run.path("status").asText()).as(run.toString()).startsWith("succeeded");
            JsonNode stream = run.path("streams").get(0);
            long kept = Long.parseLong(Sql.postgres("arus_test", "SELECT count(*) FROM " + schema
                    + ".items WHERE id % 4 = 0 OR reverse(name) ~ '^7'"));
            assertThat(stream.path("rows_filtered").asLong()).isEqualTo(200 - kept);
            assertThat(stream.path("rows_written").asLong()).isEqualTo(kept);
            assertThat(stream.path("rows_rejected").asLong()).isZero();
            String landed = "SELECT md5(string_agg(concat_ws('|', id, name, label, gross), ',' ORDER BY id)) FROM "
                    + target + ".items";
            String expected = "SELECT md5(string_agg(concat_ws('|', id, reverse(name), upper(reverse(name)) || '/' || id,"
                    + " round(price * 1.21, 2)), ',' ORDER BY id)) FROM " + schema + ".items"
                    + " WHERE id % 4 = 0 OR reverse(name) ~ '^7'";
            assertThat(Sql.postgres("arus_test", landed)).isEqualTo(Sql.postgres("arus_test", expected));

            Files.delete(dropins.path().resolve("reverse.jar"));
            long removed = server.awaitJson("/api/transforms", WITHIN,
                    list -> PlatformTest.find(list, ReversingTransform.TYPE) == null,
                    "the deleted transform should no longer be listed");
            assertThat(server.get("/api/transforms/" + ReversingTransform.TYPE).statusCode()).isEqualTo(404);

            JsonNode without = server.runToEnd(pipeline);
            assertThat(without.path("status").asText()).isEqualTo("failed");
            assertThat(without.toString()).contains("transform type 'itest_reverse' is not installed");
            System.out.printf("transform drop-in latency: add %d ms, remove %d ms%n", added, removed);
        } finally {
            Sql.postgres("arus_test", "DROP SCHEMA IF EXISTS " + schema + " CASCADE; DROP SCHEMA IF EXISTS " + target
                    + " CASCADE");
        }
    }

    private static Map<String, Object> step(String type, Map<String, String> config) {
        return Map.of("type", type, "config", config);
    }

    private static String pipeline(String schema, String target, List<Map<String, Object>> steps) throws Exception {
        Map<String, Object> stream = new LinkedHashMap<>();
        stream.put("name", schema + ".items");
        stream.put("sync_mode", "full_refresh");
        stream.put("transforms", steps);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "tdrop-" + shortId());
        body.put("source_id", DatabasePipelineTest.create("/api/sources", "postgresql", DatabasePipelineTest.pgConfig()));
        body.put("destination_id", DatabasePipelineTest.create("/api/destinations", "postgresql",
                DatabasePipelineTest.pgConfig()));
        body.put("target_namespace", target);
        body.put("streams", List.of(stream));
        HttpResponse<String> response = server.send("POST", "/api/pipelines", ArusServer.JSON.writeValueAsString(body),
                server.adminToken());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return ArusServer.JSON.readTree(response.body()).path("id").asText();
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
