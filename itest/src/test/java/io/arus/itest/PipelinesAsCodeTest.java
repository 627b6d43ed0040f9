package io.arus.itest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.FrameworkUtil;

/**
 * Pipelines as code against the running server: export, delete, apply, export gives the same bytes; a dry run of an
 * unchanged file changes nothing; a file with one error applies nothing and names the field; prune deletes; the
 * watched folder ({@code arus.pipelines.dir} in itest.bndrun) creates, updates, refuses a broken file and prunes what
 * it created.
 */
class PipelinesAsCodeTest {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    static ArusServer server;
    static String editor;

    @BeforeAll
    static void awaitServer() throws Exception {
        server = ArusServer.await();
        editor = Users.token(server, "editor");
    }

    @Test
    void exportDeleteApplyExportGivesTheSameYamlAndAnUnchangedFileChangesNothing() throws Exception {
        String n = shortId();
        String source = create("/api/sources", connection("pac-src-" + n, "arus"));
        String destination = create("/api/destinations", connection("pac-dst-" + n, "${env:PAC_ITEST_PASSWORD}"));
        String target = create("/api/notification-targets", Map.of("name", "pac-ops-" + n, "type", "telegram",
                "config", Map.of("bot_token", "123456:bot-secret-" + n, "chat_id", "-1001")));
        String upstream = create("/api/pipelines", pipeline("pac-a-" + n, source, destination, List.of(),
                List.of(Map.of("target_id", target, "events", List.of("run_failed")))));
        String downstream = create("/api/pipelines", pipeline("pac-b-" + n, source, destination, List.of(upstream),
                List.of()));

        String names = "pac-a-" + n + ",pac-b-" + n;
        String first = export("?pipelines=" + names, editor);
        assertThat(first).contains("name: pac-src-" + n, "name: pac-dst-" + n, "name: pac-ops-" + n,
                "source: pac-src-" + n, "depends_on:\n      - pac-a-" + n, "target: pac-ops-" + n,
                "${env:SECRET_SOURCE_PAC_SRC_" + n.toUpperCase() + "_PASSWORD}", "${env:PAC_ITEST_PASSWORD}",
                "${env:SECRET_NOTIFICATION_TARGET_PAC_OPS_" + n.toUpperCase() + "_BOT_TOKEN}");
        assertThat(first).doesNotContain("bot-secret-" + n, "******", "source_id", "destination_id", "target_id", upstream, source);

        JsonNode unchanged = apply(first, "?dry_run=true", editor, 200);
        assertThat(unchanged.path("changes")).isEmpty();
        assertThat(unchanged.path("summary").asText()).isEqualTo("0 to create, 0 to update, 0 to delete");

        for (String path : List.of("/api/pipelines/" + downstream, "/api/pipelines/" + upstream,
                "/api/notification-targets/" + target, "/api/destinations/" + destination, "/api/sources/" + source)) {
            assertThat(server.send("DELETE", path, null, editor).statusCode()).as(path).isEqualTo(204);
        }
        JsonNode plan = apply(first, "?dry_run=true", editor, 200);
        assertThat(plan.path("summary").asText()).isEqualTo("5 to create, 0 to update, 0 to delete");
        assertThat(server.json("/api/sources").toString()).as("a dry run creates nothing").doesNotContain("pac-src-" + n);

        JsonNode applied = apply(first, "", editor, 200);
        assertThat(applied.path("applied").asBoolean()).isTrue();
        assertThat(kindsAndNames(applied)).containsExactly("source pac-src-" + n + " create",
                "destination pac-dst-" + n + " create", "notification_target pac-ops-" + n + " create",
                "pipeline pac-a-" + n + " create", "pipeline pac-b-" + n + " create");
        assertThat(export("?pipelines=" + names, editor)).isEqualTo(first);
        assertThat(apply(first, "?dry_run=true", editor, 200).path("changes")).isEmpty();

        JsonNode audit = server.json("/api/audit?limit=20");
        assertThat(audit.toString()).contains("\"apply\"", "pipelines-as-code");
        assertThat(audit.toString()).doesNotContain("bot-secret-" + n);

        String edited = first.replace("cron: \"0 0 3 * * ?\"", "cron: \"0 30 3 * * ?\"");
        JsonNode update = apply(edited, "?dry_run=true", editor, 200);
        assertThat(update.path("changes").get(0).path("fields").toString()).isEqualTo("[\"schedule.cron\"]");
        assertThat(update.path("changes").get(0).path("name").asText()).isEqualTo("pac-a-" + n);
    }

    @Test
    void aFileWithOneErrorAppliesNothingAndNamesTheFieldPath() throws Exception {
        String n = shortId();
        String good = document(n, "0 0 3 * * ?", "updated_at");
        String modelError = good.replace("cursor_field: updated_at", "cursor_field: 12");
        JsonNode problem = apply(modelError, "", editor, 400);
        assertThat(fields(problem)).containsExactly("pipelines[pac-f-" + n + "].streams[1].cursor_field");
        assertThat(problem.path("errors").get(0).path("message").asText()).contains("line 28");

        String serviceError = good.replace("0 0 3 * * ?", "not a cron");
        problem = apply(serviceError, "", editor, 400);
        assertThat(fields(problem)).anyMatch(f -> f.startsWith("pipelines[pac-f-" + n + "].schedule"));
        assertThat(server.json("/api/sources").toString()).as("the source made before the bad pipeline is gone")
                .doesNotContain("pac-fsrc-" + n);

        assertThat(fields(apply("pipelines:\n  - name: x\n    streams: [\n", "", editor, 400))).containsExactly("body");
        assertThat(apply(good, "", Users.token(server, "viewer"), 403).path("status").asInt()).isEqualTo(403);
        assertThat(apply(good, "?prune=maybe", editor, 400).toString()).contains("prune");
        assertThat(export("?pipelines=no-such-" + n, editor, 404)).contains("pipelines[no-such-" + n + "]");
    }

    @Test
    void pruneDeletesWhatTheFileNoLongerNames() throws Exception {
        String n = shortId();
        apply(document(n, "0 0 3 * * ?", "updated_at"), "", editor, 200);
        String all = export("", editor);
        String withoutPipeline = all.replaceAll("(?s)  - name: pac-f-" + n + "\n.*?(?=\n  - name: |\\z)", "");
        assertThat(withoutPipeline).doesNotContain("name: pac-f-" + n).contains("name: pac-fsrc-" + n);

        JsonNode kept = apply(withoutPipeline, "?dry_run=true", editor, 200);
        assertThat(kept.path("changes")).as("without prune nothing goes").isEmpty();
        JsonNode pruned = apply(withoutPipeline, "?prune=true", editor, 200);
        assertThat(kindsAndNames(pruned)).containsExactly("pipeline pac-f-" + n + " delete");
        assertThat(server.json("/api/pipelines").toString()).doesNotContain("pac-f-" + n);
        assertThat(server.json("/api/sources").toString()).contains("pac-fsrc-" + n);
    }

    @Test
    void theFolderCreatesUpdatesRefusesABrokenFileAndPrunesWhatItMade() throws Exception {
        Path dir = Path.of(FrameworkUtil.getBundle(getClass()).getBundleContext().getProperty("arus.pipelines.dir"));
        Files.createDirectories(dir);
        try (Stream<Path> old = Files.list(dir)) {
            for (Path p : old.toList()) {
                Files.delete(p);
            }
        }
        server.awaitJson("/api/apply/status", Duration.ofSeconds(10),
                s -> s.path("files").isEmpty() && s.path("error").isNull(), "the emptied folder should be applied");
        String n = shortId();
        Path file = dir.resolve("team-" + n + ".yaml");

        write(file, document(n, "0 0 3 * * ?", "updated_at"));
        long millis = server.awaitJson("/api/pipelines", Duration.ofSeconds(10),
                list -> list.toString().contains("\"pac-f-" + n + "\""), "a new file should make its pipeline");
        System.out.printf("pipelines folder: a new file applied after %d ms%n", millis);
        JsonNode status = server.json("/api/apply/status");
        assertThat(status.path("dir").asText()).isEqualTo(dir.toAbsolutePath().toString());
        assertThat(status.path("files").toString()).contains("team-" + n + ".yaml");
        assertThat(status.path("last_applied_at").asText()).isNotEmpty();

        write(file, document(n, "0 15 4 * * ?", "updated_at"));
        server.awaitJson("/api/pipelines", Duration.ofSeconds(10),
                list -> list.toString().contains("0 15 4 * * ?"), "an edit should update the pipeline");

        write(file, document(n, "0 45 5 * * ?", "updated_at").replace("batch_size: 500", "batch_size: lots"));
        JsonNode broken = server.awaitMatch("/api/apply/status", Duration.ofSeconds(10), s -> !s.path("error").isNull(),
                "a broken file should be reported");
        assertThat(broken.path("error").path("file").asText()).isEqualTo("team-" + n + ".yaml");
        assertThat(broken.path("error").path("field").asText()).isEqualTo("pipelines[pac-f-" + n + "].batch_size");
        assertThat(broken.path("error").path("line").asInt()).isGreaterThan(0);
        Thread.sleep(300);
        assertThat(server.json("/api/pipelines").toString()).as("nothing of the broken file is applied")
                .contains("0 15 4 * * ?").doesNotContain("0 45 5 * * ?");

        Files.delete(file);
        server.awaitJson("/api/pipelines", Duration.ofSeconds(10), list -> !list.toString().contains("\"pac-f-" + n + "\""),
                "a removed file should take the pipeline the folder made with it");
        server.awaitJson("/api/sources", Duration.ofSeconds(10), list -> !list.toString().contains("pac-fsrc-" + n),
                "and its source");
        assertThat(server.json("/api/apply/status").path("error").isNull()).isTrue();
    }

    private static String document(String n, String cron, String cursor) {
        return """
                sources:
                  - name: pac-fsrc-%1$s
                    type: postgresql
                    config:
                      host: 127.0.0.1
                      port: 5432
                      database: arus_test
                      username: arus
                      password: ${env:PAC_ITEST_PASSWORD}
                destinations:
                  - name: pac-fdst-%1$s
                    type: postgresql
                    config:
                      host: 127.0.0.1
                      port: 5432
                      database: arus_test
                      username: arus
                      password: ${env:PAC_ITEST_PASSWORD}
                pipelines:
                  - name: pac-f-%1$s
                    source: pac-fsrc-%1$s
                    destination: pac-fdst-%1$s
                    schedule:
                      cron: "%2$s"
                    streams:
                      - name: public.customers
                      - name: public.orders
                        cursor_field: %3$s
                    batch_size: 500
                """.formatted(n, cron, cursor);
    }

    private static Map<String, Object> connection(String name, String password) {
        Map<String, Object> config = new LinkedHashMap<>(Map.of("host", "127.0.0.1", "port", 5432,
                "database", "arus_test", "username", "arus", "password", password));
        return Map.of("name", name, "type", "postgresql", "config", config);
    }

    private static Map<String, Object> pipeline(String name, String source, String destination, List<String> dependsOn,
                                                List<Map<String, Object>> notifications) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("source_id", source);
        body.put("destination_id", destination);
        body.put("schedule", Map.of("cron", "0 0 3 * * ?", "timezone", "Europe/Paris"));
        body.put("depends_on", dependsOn);
        body.put("notifications", notifications);
        body.put("streams", List.of(Map.of("name", "public.orders", "cursor_field", "updated_at"),
                Map.of("name", "public.customers", "sync_mode", "full_refresh", "primary_key", List.of("id"))));
        body.put("batch_size", 2500);
        return body;
    }

    private static String create(String path, Map<String, Object> body) throws Exception {
        HttpResponse<String> response = server.send("POST", path, ArusServer.JSON.writeValueAsString(body), editor);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(201);
        return ArusServer.JSON.readTree(response.body()).path("id").asText();
    }

    private static String export(String query, String token) throws Exception {
        return export(query, token, 200);
    }

    private static String export(String query, String token, int status) throws Exception {
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create(server.base() + "/api/export" + query))
                .header("Accept", "application/yaml, application/problem+json").header("Authorization", "Bearer " + token)
                .GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        if (status == 200) {
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/yaml");
        }
        return response.body();
    }

    private static JsonNode apply(String yaml, String query, String token, int status) throws Exception {
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create(server.base() + "/api/apply" + query))
                .header("Content-Type", "application/yaml").header("Accept", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(yaml, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return ArusServer.JSON.readTree(response.body());
    }

    private static List<String> kindsAndNames(JsonNode plan) {
        List<String> out = new ArrayList<>();
        plan.path("changes").forEach(c -> out.add(c.path("kind").asText() + " " + c.path("name").asText() + " "
                + c.path("action").asText()));
        return out;
    }

    private static List<String> fields(JsonNode problem) {
        List<String> out = new ArrayList<>();
        problem.path("errors").forEach(e -> out.add(e.path("field").asText()));
        return out;
    }

    /** Writes through a temporary name and a rename, as an editor or git would, so no half file is read. */
    private static void write(Path file, String text) throws Exception {
        Path temp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.writeString(temp, text);
        Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
