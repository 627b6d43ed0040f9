package io.arus.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Import / Export page and a pipeline's YAML panel, as an editor uses them: the export of a pipeline that
 * exists, edited (a smaller batch) and pasted back, shows its plan (one update naming {@code batch_size}) and
 * changes nothing until Apply; Apply changes the pipeline; the pipeline's YAML panel then shows the new value; a
 * file with an error shows the field path and applies nothing.
 */
class PipelinesAsCodePageTest {
    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
    private static final String TARGET_SCHEMA = "pac_page_" + SUFFIX;

    @RegisterExtension
    static final ConsoleSession console = new ConsoleSession("pac-page-" + SUFFIX, "code", TARGET_SCHEMA);

    @Test
    void anEditedExportIsPlannedThenAppliedAndThePipelineShowsItsYaml() throws Exception {
        ApiClient admin = console.admin();
        Browser browser = console.browser();
        Map<String, Object> postgres = Map.of("host", Psql.HOST, "port", Psql.PORT, "database", Psql.DATABASE,
                "username", Psql.USER, "password", Psql.PASSWORD);
        String source = admin.post("/api/sources", Map.of("name", "orders db", "type", "postgresql", "config", postgres), 201)
                .path("id").asText();
        String destination = admin.post("/api/destinations", Map.of("name", "warehouse", "type", "postgresql", "config",
                postgres), 201).path("id").asText();
        String pipeline = admin.post("/api/pipelines", Map.of("name", "orders", "source_id", source, "destination_id",
                destination, "streams", List.of(Map.of("name", "public.orders")), "target_namespace", TARGET_SCHEMA), 201)
                .path("id").asText();
        String exported = admin.text("/api/export", "application/yaml");
        assertThat(exported).contains("batch_size: 10000");

        browser.open("/");
        browser.awaitHash("#/login.*");
        console.signIn("admin", ArusProcess.ADMIN_PASSWORD);
        browser.open("/code");
        browser.screenshot("page", true);
        browser.await("#yaml-input");
        browser.js("const area = document.getElementById('yaml-input'); area.value = arguments[0];"
                + "area.dispatchEvent(new Event('input', {bubbles: true}));", exported.replace("batch_size: 10000", "batch_size: 500"));
        browser.click("button[data-action=plan]");
        String plan = browser.until(Duration.ofSeconds(20), () -> {
            String text = browser.text("#yaml-plan");
            return text.contains("batch_size") ? text : null;
        });
        assertThat(plan).contains("update").contains("orders").contains("1 to update");
        assertThat(admin.get("/api/pipelines/" + pipeline).path("batch_size").asInt()).as("a plan changes nothing").isEqualTo(10000);
        browser.screenshot("plan", true);

        browser.click("#yaml-plan button[data-action=apply]");
        browser.until(Duration.ofSeconds(20), () -> browser.text("#yaml-plan").contains("Applied"));
        assertThat(admin.get("/api/pipelines/" + pipeline).path("batch_size").asInt()).isEqualTo(500);

        browser.js("const area = document.getElementById('yaml-input'); area.value = arguments[0];"
                + "area.dispatchEvent(new Event('input', {bubbles: true}));", exported.replace("batch_size: 10000", "batch_size: many"));
        browser.click("button[data-action=plan]");
        String error = browser.until(Duration.ofSeconds(20), () -> {
            String text = browser.text("#yaml-plan");
            return text.contains("Nothing was applied") ? text : null;
        });
        assertThat(error).contains("pipelines[orders].batch_size");
        assertThat(admin.get("/api/pipelines/" + pipeline).path("batch_size").asInt()).isEqualTo(500);

        browser.open("/pipelines/" + pipeline);
        browser.click("details.panel > summary");
        String yaml = browser.until(Duration.ofSeconds(20), () -> {
            String text = browser.text("#pipeline-yaml");
            return text.contains("batch_size") ? text : null;
        });
        assertThat(yaml).contains("name: orders").contains("source: orders db").contains("batch_size: 500")
                .contains("${env:SECRET_SOURCE_ORDERS_DB_PASSWORD}");
        browser.screenshot("pipeline-yaml", true);
    }
}
