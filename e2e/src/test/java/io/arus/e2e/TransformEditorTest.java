package io.arus.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The transform editor as an editor uses it on a pipeline that has already run: a chain of rename, cast and filter
 * built step by step with the live preview (the renamed column appears, the row whose price is no decimal is shown
 * rejected with its reason, the filter's dropped rows are counted, a bad expression is named as it is typed),
 * saved, run (the destination holds exactly the chain's rows, the run page counts the filtered and rejected rows,
 * the lineage names the renamed column's step); then the filter is removed, saved and run again.
 */
@Timeout(value = 6, unit = java.util.concurrent.TimeUnit.MINUTES)
class TransformEditorTest {
    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
    private static final String SOURCE_SCHEMA = "tfe_src_" + SUFFIX;
    private static final String TARGET_SCHEMA = "tfe_dst_" + SUFFIX;
    private static final String STREAM = SOURCE_SCHEMA + ".orders";
    private static final Duration PREVIEW = Duration.ofSeconds(30);

    @RegisterExtension
    static final ConsoleSession console = new ConsoleSession("tfe-" + SUFFIX, "transforms", SOURCE_SCHEMA, TARGET_SCHEMA);

    @Test
    void aChainBuiltWithThePreviewIsSavedRunAndEditedAgain() throws Exception {
        // qty <= 1 is filtered out; 'abc' is no decimal(12,2) and is rejected by the cast
        Psql.run("DROP SCHEMA IF EXISTS " + SOURCE_SCHEMA + " CASCADE; CREATE SCHEMA " + SOURCE_SCHEMA + ";"
                + "CREATE TABLE " + STREAM + " (id int PRIMARY KEY, email text NOT NULL, price text, qty int NOT NULL);"
                + "INSERT INTO " + STREAM + " VALUES (1, 'a@example.com', '1.50', 2), (2, 'b@example.com', '2.25', 1),"
                + " (3, 'c@example.com', 'abc', 5), (4, 'd@example.com', '10', 3), (5, 'e@example.com', '0.10', 0),"
                + " (6, 'f@example.com', '7.00', 4);");
        ApiClient admin = console.admin();
        Browser browser = console.browser();
        Map<String, Object> postgres = Map.of("host", Psql.HOST, "port", Psql.PORT, "database", Psql.DATABASE,
                "username", Psql.USER, "password", Psql.PASSWORD);
        String source = admin.post("/api/sources", Map.of("name", "shop db", "type", "postgresql", "config", postgres), 201)
                .path("id").asText();
        String destination = admin.post("/api/destinations", Map.of("name", "shop warehouse", "type", "postgresql", "config",
                postgres), 201).path("id").asText();
        // full refresh: each run replaces the table, so the destination is exactly what the chain gives
        String pipeline = admin.post("/api/pipelines", Map.of("name", "shop orders", "source_id", source, "destination_id",
                destination, "streams", List.of(Map.of("name", STREAM, "sync_mode", "full_refresh")),
                "target_namespace", TARGET_SCHEMA), 201).path("id").asText();
        String first = admin.post("/api/pipelines/" + pipeline + "/runs", Map.of("trigger", "manual"), 202).path("run_id").asText();
        assertThat(admin.awaitRunEnd(first).path("status").asText()).isEqualTo("succeeded");
        assertThat(Psql.run("SELECT count(*) FROM " + TARGET_SCHEMA + ".orders")).isEqualTo("6");

        browser.open("/");
        browser.awaitHash("#/login.*");
        console.signIn("admin", ArusProcess.ADMIN_PASSWORD);
        openChain(browser, pipeline);
        awaitPreview(browser, "Source rows");
        assertThat(browser.text(".transform-preview .preview-table")).contains("email").contains("abc");

        addStep(browser, "rename");
        browser.type(".step-card[data-type=rename] input[data-map-key]", "email");
        browser.type(".step-card[data-type=rename] input[data-map-value]", "customer_email");
        browser.until(PREVIEW, () -> browser.text(".transform-preview [data-preview=after]").contains("customer_email"));

        addStep(browser, "cast");
        browser.type(".step-card[data-type=cast] [data-name=columns] input[data-map-key]", "price");
        browser.type(".step-card[data-type=cast] [data-name=columns] input[data-map-value]", "decimal(12,2)");
        String reason = browser.until(PREVIEW, () -> {
            List<org.openqa.selenium.WebElement> rejected = browser.all(".transform-preview tr.rejected");
            return rejected.isEmpty() ? null : rejected.get(0).getAttribute("data-reason");
        });
        assertThat(reason).contains("abc");
        assertThat(browser.text(".preview-tab[data-preview-step='1']")).contains("1 rejected");
        browser.screenshot("preview-reject", true);

        addStep(browser, "filter");
        browser.type(".step-card[data-type=filter] input[name=expression]", "qty >");
        String problem = browser.until(PREVIEW, () -> {
            String state = browser.await(".step-card[data-type=filter] [data-expression-for=expression]").getAttribute("data-state");
            return "invalid".equals(state) ? browser.text(".step-card[data-type=filter] [data-expression-for=expression]") : null;
        });
        assertThat(problem).as("the server's message with the position").matches("(?s).*\\d.*");
        browser.type(".step-card[data-type=filter] input[name=expression]", "qty > 1");
        browser.until(PREVIEW, () -> "valid".equals(browser.await(".step-card[data-type=filter] [data-expression-for=expression]").getAttribute("data-state")));
        browser.until(PREVIEW, () -> browser.all(".transform-preview [data-filtered='2']").size() == 1);
        assertThat(browser.text(".preview-tab[data-preview-step='2']")).contains("2 filtered");
        browser.screenshot("preview-filter", true);

        browser.click("form button[type=submit][data-action=save]");
        browser.awaitHash("#/pipelines/" + pipeline);
        browser.settle();
        JsonNode saved = admin.get("/api/pipelines/" + pipeline).path("streams").path(0).path("transforms");
        assertThat(saved.findValuesAsText("type")).containsExactly("rename", "cast", "filter");
        assertThat(saved.path(2).path("config").path("expression").asText()).isEqualTo("qty > 1");

        JsonNode run = runFromThePage(browser, admin);
        assertThat(run.path("status").asText()).isIn("succeeded", "succeeded_with_warnings");
        assertThat(Psql.run("SELECT string_agg(id || ' ' || customer_email || ' ' || price, ',' ORDER BY id) FROM "
                + TARGET_SCHEMA + ".orders")).isEqualTo("1 a@example.com 1.50,4 d@example.com 10.00,6 f@example.com 7.00");
        JsonNode counters = run.path("streams").path(0);
        assertThat(counters.path("rows_filtered").asLong()).isEqualTo(2);
        assertThat(counters.path("rows_rejected").asLong()).isEqualTo(1);
        browser.until(PREVIEW, () -> browser.all("tr[data-stream='" + STREAM + "'] [data-rows-filtered='2']").size() == 1);
        browser.screenshot("run", true);

        browser.open("/pipelines/" + pipeline);
        String steps = browser.until(PREVIEW, () -> {
            List<org.openqa.selenium.WebElement> label = browser.all("#pipeline-lineage [data-steps-for=customer_email]");
            return label.isEmpty() ? null : label.get(0).getText();
        });
        assertThat(steps).contains("rename");
        browser.screenshot("lineage", true);

        openChain(browser, pipeline);
        browser.until(PREVIEW, () -> browser.all(".step-card").size() == 3);
        browser.click(".step-card[data-type=filter] [data-action=step-remove]");
        browser.until(PREVIEW, () -> browser.all(".step-card[data-type=filter]").isEmpty());
        browser.click("form button[type=submit][data-action=save]");
        browser.awaitHash("#/pipelines/" + pipeline);
        browser.settle();
        assertThat(admin.get("/api/pipelines/" + pipeline).path("streams").path(0).path("transforms").findValuesAsText("type"))
                .containsExactly("rename", "cast");

        JsonNode again = runFromThePage(browser, admin);
        assertThat(again.path("status").asText()).isIn("succeeded", "succeeded_with_warnings");
        assertThat(Psql.run("SELECT string_agg(id::text, ',' ORDER BY id) FROM " + TARGET_SCHEMA + ".orders")).isEqualTo("1,2,4,5,6");
        assertThat(again.path("streams").path(0).path("rows_filtered").asLong()).isZero();
        assertThat(again.path("streams").path(0).path("rows_rejected").asLong()).isEqualTo(1);
    }

    /** Opens the pipeline's editor and the stream's transform editor. */
    private static void openChain(Browser browser, String pipeline) {
        browser.open("/pipelines/" + pipeline + "/edit");
        browser.click("details[data-transforms-for='" + STREAM + "'] > summary");
        browser.await("details[data-transforms-for='" + STREAM + "'] .transform-chain");
    }

    private static void addStep(Browser browser, String type) {
        browser.js("const picker = document.querySelector('select[name=step-type]'); picker.value = arguments[0];"
                + "picker.dispatchEvent(new Event('change', {bubbles: true}));", type);
        assertThat(browser.js("return document.querySelector('select[name=step-type]').value")).as("%s is installed", type).isEqualTo(type);
        browser.click("[data-action=add-step]");
        browser.await(".step-card[data-type=" + type + "]");
    }

    private static void awaitPreview(Browser browser, String text) {
        browser.until(PREVIEW, () -> browser.all(".transform-preview[data-state=ready]").size() == 1
                && browser.text(".transform-preview .preview-tabs").contains(text));
    }

    /** Clicks Run now on the pipeline's page, lands on the run's page and waits for the run to end. */
    private static JsonNode runFromThePage(Browser browser, ApiClient admin) throws Exception {
        browser.click("button[data-action=run]");
        browser.awaitHash("#/runs/[0-9a-f-]{36}");
        String run = ((String) browser.js("return location.hash")).replace("#/runs/", "");
        JsonNode ended = admin.awaitRunEnd(run);
        browser.until(PREVIEW, () -> ApiClient.FINAL.contains((String) browser.js(
                "const b = document.querySelector('[data-run-status]'); return b && b.dataset.runStatus")));
        return ended;
    }
}
