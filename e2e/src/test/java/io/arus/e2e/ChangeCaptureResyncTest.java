package io.arus.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A change-capture pipeline whose replication slot was dropped behind Arus's back: the failed run's page says why and
 * offers Resync; one click (and its confirmation) drops the state, starts a new run from a new snapshot and opens it,
 * and that run ends with the destination equal to the source, the rows deleted while no slot ran gone too. Then the
 * pipeline, which has run, is edited in the console (its checkpoint interval) and run again from the page.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 5, unit = java.util.concurrent.TimeUnit.MINUTES)
class ChangeCaptureResyncTest {
    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
    private static final String SOURCE_SCHEMA = "cdcui_src_" + SUFFIX;
    private static final String TARGET_SCHEMA = "cdcui_dst_" + SUFFIX;

    @RegisterExtension
    static final ConsoleSession console = new ConsoleSession("cdcui-" + SUFFIX, "cdc", SOURCE_SCHEMA, TARGET_SCHEMA);

    Browser browser;
    ApiClient admin;
    String pipeline;

    @BeforeAll
    void start() throws Exception {
        Psql.run("DROP SCHEMA IF EXISTS " + SOURCE_SCHEMA + " CASCADE; CREATE SCHEMA " + SOURCE_SCHEMA + ";"
                + "CREATE TABLE " + SOURCE_SCHEMA + ".items (id int PRIMARY KEY, name text, amount numeric(10,2));"
                + "INSERT INTO " + SOURCE_SCHEMA + ".items SELECT g, 'item ' || g, g * 0.5 FROM generate_series(1, 2000) g;");
        browser = console.browser();
        admin = console.admin();
        Map<String, Object> postgres = Map.of("host", Psql.HOST, "port", Psql.PORT, "database", Psql.DATABASE,
                "username", Psql.USER, "password", Psql.PASSWORD);
        String source = admin.post("/api/sources", Map.of("name", "orders db", "type", "postgresql", "config", postgres), 201)
                .path("id").asText();
        String destination = admin.post("/api/destinations", Map.of("name", "orders copy", "type", "postgresql",
                "config", postgres), 201).path("id").asText();
        pipeline = admin.post("/api/pipelines", Map.of("name", "items by change capture", "source_id", source,
                "destination_id", destination, "target_namespace", TARGET_SCHEMA,
                "streams", List.of(Map.of("name", SOURCE_SCHEMA + ".items", "sync_mode", "cdc")),
                "cdc", Map.of("until", "current")), 201).path("id").asText();
        browser.open("/");
        browser.awaitHash("#/login.*");
        console.signIn("admin", ArusProcess.ADMIN_PASSWORD);
    }

    @AfterAll
    void dropThePipelineAndItsSlot() throws Exception {
        if (pipeline == null) {
            return;
        }
        String slot = slot();
        admin.delete("/api/pipelines/" + pipeline, 204);
        assertThat(Psql.run("SELECT count(*) FROM pg_replication_slots WHERE slot_name = '" + slot + "'"))
                .as("deleting the pipeline dropped its slot").isEqualTo("0");
    }

    @Test
    @Order(1)
    void aRunWhoseSlotWasDroppedOffersResyncAndTheResyncEndsEqual() throws Exception {
        JsonNode first = admin.awaitRunEnd(startRun());
        assertThat(first.path("status").asText()).as(first.toString()).isEqualTo("succeeded");
        assertThat(checksum(TARGET_SCHEMA)).isEqualTo(checksum(SOURCE_SCHEMA));

        Psql.run("SELECT pg_drop_replication_slot('" + slot() + "');"
                + "DELETE FROM " + SOURCE_SCHEMA + ".items WHERE id % 7 = 0;"
                + "UPDATE " + SOURCE_SCHEMA + ".items SET name = 'changed' WHERE id % 5 = 0;"
                + "INSERT INTO " + SOURCE_SCHEMA + ".items SELECT g, 'late ' || g, 1 FROM generate_series(3001, 3100) g;");
        String lost = startRun();
        JsonNode failed = admin.awaitRunEnd(lost);
        assertThat(failed.path("status").asText()).as(failed.toString()).isEqualTo("failed");

        browser.open("/runs/" + lost);
        browser.await("[data-outcome=failed]");
        assertThat(browser.text("[data-outcome=failed]")).contains("needs a resync");
        browser.screenshot("resync-offered", true);
        browser.click("[data-outcome=failed] [data-action=resync]");
        browser.click("#modal-root [data-action=confirm]");
        String resync = browser.until(Duration.ofSeconds(20), () -> {
            String hash = (String) browser.js("return location.hash");
            return hash.matches("#/runs/[0-9a-f-]{36}") && !hash.endsWith(lost) ? hash.substring("#/runs/".length()) : null;
        });
        JsonNode done = admin.awaitRunEnd(resync);
        assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("succeeded");
        assertThat(checksum(TARGET_SCHEMA)).as("equal after the resync, the rows deleted without a slot gone too")
                .isEqualTo(checksum(SOURCE_SCHEMA));
        browser.until(Duration.ofSeconds(20), () -> !browser.all("[data-run-status=succeeded]").isEmpty());
        assertThat(browser.all("[data-action=resync]")).as("a succeeded run offers no resync").isEmpty();
        assertThat(browser.scriptErrors()).isEmpty();
    }

    @Test
    @Order(2)
    void theRunPipelineEditedInTheConsoleKeepsItsChangeCaptureOptionsAndRunsAgainEqual() throws Exception {
        browser.open("/pipelines/" + pipeline + "/edit");
        browser.await(".stream-item.selected");
        browser.js("document.querySelectorAll('#view details').forEach(d => d.open = true)");
        browser.type("[name='cdc.checkpoint_seconds']", "3");
        browser.type("[name=batch_memory_mb]", "1");
        browser.js("window.__arusBodies = []; const original = window.fetch;"
                + "window.fetch = (url, init) => { if (init && init.method === 'PUT') window.__arusBodies.push(init.body);"
                + " return original(url, init); };");
        browser.click("[data-action=save]");
        browser.awaitHash("#/pipelines/" + pipeline);
        @SuppressWarnings("unchecked")
        List<String> bodies = (List<String>) browser.js("return window.__arusBodies");
        assertThat(bodies).as("one PUT").singleElement().asString()
                .contains("\"cdc\":{\"until\":\"current\",\"lag_alert_seconds\":300,\"checkpoint_seconds\":3}");
        JsonNode saved = admin.get("/api/pipelines/" + pipeline);
        assertThat(saved.path("cdc").path("checkpoint_seconds").asInt()).isEqualTo(3);
        assertThat(saved.path("batch_memory_mb").asInt()).as("a batch of at most 1 MiB").isEqualTo(1);
        assertThat(saved.path("cdc").path("until").asText()).as("kept").isEqualTo("current");
        assertThat(saved.path("streams").get(0).path("sync_mode").asText()).as("kept").isEqualTo("cdc");

        long deleted = Long.parseLong(Psql.run("SELECT count(*) FROM " + SOURCE_SCHEMA + ".items WHERE id % 11 = 0"));
        Psql.run("DELETE FROM " + SOURCE_SCHEMA + ".items WHERE id % 11 = 0;"
                + "UPDATE " + SOURCE_SCHEMA + ".items SET amount = amount + 1 WHERE id % 4 = 0;");
        browser.settle();
        browser.click("[data-action=run]");
        browser.awaitHash("#/runs/[0-9a-f-]{36}");
        String run = ((String) browser.js("return location.hash")).replace("#/runs/", "");
        JsonNode done = admin.awaitRunEnd(run);
        assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("succeeded");
        assertThat(checksum(TARGET_SCHEMA)).isEqualTo(checksum(SOURCE_SCHEMA));
        browser.until(Duration.ofSeconds(20), () -> !browser.all("[data-run-status=succeeded]").isEmpty());
        browser.until(Duration.ofSeconds(20), () -> console.number("[data-stat=deleted] .value") == deleted ? true : null);
        browser.screenshot("edited-run", true);
        assertThat(browser.scriptErrors()).isEmpty();
    }

    private String slot() throws Exception {
        String slot = admin.get("/api/pipelines/" + pipeline + "/state").path("change_feeds")
                .path(SOURCE_SCHEMA + ".items").path("slot").asText();
        assertThat(slot).as("the stream's replication slot").startsWith("arus_");
        return slot;
    }

    private String startRun() throws Exception {
        return admin.post("/api/pipelines/" + pipeline + "/runs", Map.of("trigger", "manual"), 202).path("run_id").asText();
    }

    private static String checksum(String schema) throws Exception {
        return Psql.run("SELECT count(*) || ' ' || md5(coalesce(string_agg(id || '|' || name || '|' || amount, ','"
                + " ORDER BY id), '')) FROM " + schema + ".items");
    }
}
