package io.arus.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.WebElement;

/**
 * The web console in a real browser against the exported server, the way a user goes through it: sign in, connect
 * PostgreSQL as source and destination, build a pipeline from discovered streams, run it to the end, look at the
 * DAG, upload a plugin, and see that a viewer gets no control that changes anything. Each step leaves a
 * screenshot in target/screenshots/. The steps build on each other, in order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 6, unit = java.util.concurrent.TimeUnit.MINUTES)
class ConsoleTest {
    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
    private static final String SOURCE_SCHEMA = "console_src_" + SUFFIX;
    private static final String TARGET_SCHEMA = "console_dst_" + SUFFIX;
    private static final int CUSTOMERS = 40_000;
    private static final int ORDERS = 50;
    private static final int DELETED = 10;
    private static final String PIPELINE = "shop to warehouse";
    private static final Pattern CHANGE_CONTROL = Pattern.compile(
            "^(New .*|Edit|Delete|Run now|Save.*|Create.*|Test.*|Upload|Replay.*|Cancel|Pause|Resume|Enable|Disable|Reset state|Send a test)$");

    @RegisterExtension
    static final ConsoleSession console = new ConsoleSession("run-" + SUFFIX, "", SOURCE_SCHEMA, TARGET_SCHEMA);

    Browser browser;
    ApiClient admin;
    String sourceId;
    String destinationId;
    String pipelineId;
    String runId;

    @BeforeAll
    void start() throws Exception {
        Psql.run("DROP SCHEMA IF EXISTS " + SOURCE_SCHEMA + " CASCADE; CREATE SCHEMA " + SOURCE_SCHEMA + ";"
                + "CREATE TABLE " + SOURCE_SCHEMA + ".customers (id int PRIMARY KEY, name text NOT NULL, email text,"
                + " updated_at timestamptz NOT NULL DEFAULT now(), deleted_at timestamptz);"
                + "INSERT INTO " + SOURCE_SCHEMA + ".customers (id, name, email, updated_at)"
                + " SELECT g, 'customer ' || g, 'c' || g || '@example.com', now() - g * interval '1 minute'"
                + " FROM generate_series(1, " + CUSTOMERS + ") g;"
                + "CREATE TABLE " + SOURCE_SCHEMA + ".orders (order_id bigint PRIMARY KEY, customer_id int, amount numeric(10,2),"
                + " created_at timestamptz NOT NULL DEFAULT now());"
                + "INSERT INTO " + SOURCE_SCHEMA + ".orders SELECT g, g % 40 + 1, g * 9.95, now() FROM generate_series(1, " + ORDERS + ") g;"
                + "ANALYZE " + SOURCE_SCHEMA + ".customers; ANALYZE " + SOURCE_SCHEMA + ".orders;");
        browser = console.browser();
        admin = console.admin();
    }

    @Test
    @Order(1)
    void signsInAndLandsOnTheDashboard() throws Exception {
        browser.open("/");
        browser.awaitHash("#/login.*");
        browser.await("input[name=username]");
        browser.screenshot("login", false);

        console.signIn("admin", ArusProcess.ADMIN_PASSWORD);

        assertThat(browser.text("#view h1")).isEqualTo("Dashboard");
        assertThat(browser.text("[data-stat=pipelines] .value")).isEqualTo("0");
        browser.screenshot("dashboard-empty", false);
    }

    @Test
    @Order(2)
    void createsAPostgresSourceAndDestinationFromTheConnectorsForms() throws Exception {
        browser.open("/sources/new");
        browser.type("input[name=name]", "shop");
        browser.choose("select[name=type]", "PostgreSQL");
        fillPostgres();
        browser.screenshot("source-form", true);

        // a wrong port: the test fails in words, and nothing is created
        browser.type("input[name=port]", "1");
        browser.click("[data-action=test]");
        WebElement failed = browser.await("[data-test=failed]", Duration.ofSeconds(60));
        assertThat(failed.getText()).as("the failure in words").isNotBlank()
                .doesNotContain("Exception").doesNotContain("Bad Request");
        assertThat((String) browser.js("return location.hash")).isEqualTo("#/sources/new");
        assertThat(admin.get("/api/sources")).as("testing saves nothing").isEmpty();
        browser.screenshot("source-test-failed", true);

        browser.type("input[name=port]", Integer.toString(Psql.PORT));
        browser.click("[data-action=test]");
        WebElement result = browser.await("[data-test=ok]", Duration.ofSeconds(60));
        assertThat(result.getText()).contains("Connection OK");
        assertThat(admin.get("/api/sources")).as("a successful test saves nothing either").isEmpty();
        browser.click("[data-action=save]");
        browser.awaitHash("#/sources/[0-9a-f-]{36}");
        sourceId = ((String) browser.js("return location.hash")).replaceAll("^#/sources/([0-9a-f-]+).*$", "$1");
        browser.settle();
        assertThat(browser.await("input[name=password]").getAttribute("placeholder")).as("the stored secret is kept, not shown")
                .contains("unchanged");
        browser.click("[data-action=test]");
        assertThat(browser.await("[data-test]", Duration.ofSeconds(60)).getAttribute("data-test"))
                .as("a stored connection is tested with its stored password").isEqualTo("ok");
        browser.screenshot("source-tested", true);

        browser.open("/destinations/new");
        browser.type("input[name=name]", "warehouse");
        browser.choose("select[name=type]", "PostgreSQL");
        fillPostgres();
        browser.click("[data-action=save]");
        browser.awaitHash("#/destinations/[0-9a-f-]{36}");
        destinationId = ((String) browser.js("return location.hash")).replace("#/destinations/", "");
        browser.settle();
        browser.click("[data-action=test]");
        assertThat(browser.await("[data-test]", Duration.ofSeconds(60)).getAttribute("data-test")).isEqualTo("ok");

        browser.open("/sources");
        browser.await("tr[data-name=shop]");
        browser.screenshot("sources", false);
        browser.open("/sources/" + sourceId + "/streams");
        browser.await("[data-stream='" + SOURCE_SCHEMA + ".customers']");
        browser.type("input[type=search]", SOURCE_SCHEMA);
        browser.click("[data-stream='" + SOURCE_SCHEMA + ".customers'] summary");
        browser.screenshot("source-streams", true);
    }

    @Test
    @Order(3)
    void buildsAPipelineFromTheDiscoveredStreamsWithTheDetectedDefaultsShown() throws Exception {
        browser.open("/pipelines/new");
        browser.type("input[name=name]", PIPELINE);
        browser.choose("select[name=source_id]", "shop");
        browser.choose("select[name=destination_id]", "warehouse");
        browser.await(".stream-item", Duration.ofSeconds(60));
        browser.type(".stream-picker input[type=search]", SOURCE_SCHEMA + ".");
        browser.until(Duration.ofSeconds(10), () -> {
            List<WebElement> items = browser.all(".stream-item");
            return items.size() == 2 && items.stream().allMatch(i -> i.getAttribute("data-stream").startsWith(SOURCE_SCHEMA + "."));
        });
        browser.click("[data-select-all]");

        String customers = "[data-stream='" + SOURCE_SCHEMA + ".customers'] ";
        assertThat(browser.selectedText(customers + "[data-key=cursor_field] select")).isEqualTo("auto: updated_at");
        assertThat(browser.selectedText(customers + "[data-key=soft_delete_field] select")).isEqualTo("auto: deleted_at");
        assertThat(browser.selectedText(customers + "[data-key=write_mode] select")).isEqualTo("auto: upsert");
        assertThat(browser.await(customers + "[data-key=primary_key] input").getAttribute("placeholder")).isEqualTo("auto: id");
        assertThat(browser.selectedText("[data-stream='" + SOURCE_SCHEMA + ".orders'] [data-key=cursor_field] select"))
                .isEqualTo("auto: created_at");
        browser.type("input[name=target_namespace]", TARGET_SCHEMA);
        browser.screenshot("pipeline-editor", true);

        browser.click("[data-action=save]");

        browser.awaitHash("#/pipelines/[0-9a-f-]{36}");
        pipelineId = ((String) browser.js("return location.hash")).replace("#/pipelines/", "");
        browser.settle();
        assertThat(browser.text("#view h1")).isEqualTo(PIPELINE);
        JsonNode saved = admin.get("/api/pipelines/" + pipelineId);
        assertThat(saved.path("streams")).hasSize(2);
        assertThat(saved.path("target_namespace").asText()).isEqualTo(TARGET_SCHEMA);
        browser.screenshot("pipeline-detail-before-run", true);
    }

    @Test
    @Order(4)
    void runsThePipelineAndWatchesItSucceedWithRowCounts() throws Exception {
        browser.open("/pipelines/" + pipelineId);
        browser.click("[data-action=run]");
        browser.awaitHash("#/runs/[0-9a-f-]{36}");
        runId = ((String) browser.js("return location.hash")).replace("#/runs/", "");
        browser.settle();
        browser.screenshot("run-live", false);

        String status = browser.until(Duration.ofMinutes(3), () -> {
            String s = (String) browser.js("const b = document.querySelector('[data-run-status]'); return b && b.dataset.runStatus");
            return s != null && List.of("succeeded", "failed", "cancelled", "interrupted").contains(s) ? s : null;
        });
        assertThat(status).as("run status; page says: " + browser.text("#view")).isEqualTo("succeeded");
        assertThat(browser.js("return Number(document.querySelector('#view .page').dataset.liveEvents || 0)"))
                .as("run events arrived live through the event stream").isNotEqualTo(0L);
        browser.until(Duration.ofSeconds(20), () ->
                console.number("[data-stat=written] .value") == CUSTOMERS + ORDERS);
        assertThat(console.number("[data-stat=read] .value")).isEqualTo(CUSTOMERS + ORDERS);
        assertThat(console.number("[data-stat=rejected] .value")).isZero();
        // the streams' table follows the same events as the totals, a moment later
        browser.until(Duration.ofSeconds(20), () -> Integer.toString(CUSTOMERS).equals(browser.js(
                "return document.querySelector(\"tr[data-stream='" + SOURCE_SCHEMA + ".customers'] [data-rows-written]\")"
                        + ".dataset.rowsWritten")));
        browser.until(Duration.ofSeconds(20), () -> browser.all("[data-log] .line").size() > 2);
        assertThat(Psql.run("SELECT count(*) FROM " + TARGET_SCHEMA + ".customers")).isEqualTo(Integer.toString(CUSTOMERS));
        browser.screenshot("run-succeeded", true);

        browser.open("/pipelines/" + pipelineId);
        browser.await("tr[data-run='" + runId + "'][data-status=succeeded]");
        browser.screenshot("pipeline-detail-after-run", true);
        browser.open("/");
        assertThat(console.number("[data-stat=rows-today] .value")).isGreaterThanOrEqualTo(CUSTOMERS + ORDERS);
        browser.screenshot("dashboard", true);
    }

    @Test
    @Order(5)
    void editsAndSavesAPipelineThatHasRunThenRunsItAgainWithDeletesCounted() throws Exception {
        Psql.run("UPDATE " + SOURCE_SCHEMA + ".customers SET deleted_at = now(), updated_at = now() WHERE id <= " + DELETED + ";");
        browser.open("/pipelines/" + pipelineId + "/edit");
        browser.await(".stream-item.selected");
        // what the console sends: the pipeline's writable fields, nothing a GET adds (last_run, id, times)
        browser.js("window.__arusBodies = []; const original = window.fetch;"
                + "window.fetch = (url, init) => { if (init && init.method === 'PUT') window.__arusBodies.push(JSON.parse(init.body));"
                + " return original(url, init); };");
        browser.click("[data-action=save]");
        browser.awaitHash("#/pipelines/" + pipelineId);
        browser.settle();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> bodies = (List<Map<String, Object>>) browser.js("return window.__arusBodies || []");
        assertThat(bodies).as("one PUT of the pipeline").hasSize(1);
        assertThat(bodies.get(0)).containsKeys("name", "source_id", "destination_id", "streams")
                .doesNotContainKeys("last_run", "id", "created_at", "updated_at");
        assertThat(browser.all("#view [data-error], .form-errors")).isEmpty();

        browser.click("[data-action=run]");
        browser.awaitHash("#/runs/[0-9a-f-]{36}");
        String second = ((String) browser.js("return location.hash")).replace("#/runs/", "");
        assertThat(second).isNotEqualTo(runId);
        browser.settle();
        String status = browser.until(Duration.ofMinutes(2), () -> {
            String s = (String) browser.js("const b = document.querySelector('[data-run-status]'); return b && b.dataset.runStatus");
            return s != null && List.of("succeeded", "succeeded_with_warnings", "failed", "cancelled", "interrupted").contains(s) ? s : null;
        });
        assertThat(status).as("the second run; page says: " + browser.text("#view")).isEqualTo("succeeded");
        // the log, searched and filtered by level
        browser.until(Duration.ofSeconds(20), () -> browser.all("[data-log] .line").size() > 2);
        browser.type("input[name=log-search]", "deleted");
        browser.until(Duration.ofSeconds(10), () -> browser.text("[data-log-status]").contains("matching"));
        @SuppressWarnings("unchecked")
        List<String> found = (List<String>) browser.js("return [...document.querySelectorAll('[data-log] .line .msg')].map(e => e.textContent)");
        assertThat(found).as("lines with 'deleted'").isNotEmpty().allMatch(line -> line.toLowerCase().contains("deleted"));
        browser.choose("select[name=log-level]", "error");
        browser.until(Duration.ofSeconds(10), () -> browser.all("[data-log] .line").isEmpty());
        assertThat(browser.text("[data-log]")).isEqualTo("No log line matches.");
        browser.choose("select[name=log-level]", "All levels");
        browser.type("input[name=log-search]", "");
        String customers = "tr[data-stream='" + SOURCE_SCHEMA + ".customers'] ";
        browser.until(Duration.ofSeconds(20), () -> Integer.toString(DELETED).equals(browser.js(
                "const e = document.querySelector(arguments[0]); return e && e.dataset.rowsDeleted", customers + "[data-rows-deleted]")));
        assertThat(console.number("[data-stat=deleted] .value")).isEqualTo(DELETED);
        assertThat(browser.all("table.data th")).extracting(WebElement::getText).contains("Read", "Written", "Deleted");
        assertThat(Psql.run("SELECT count(*) FROM " + TARGET_SCHEMA + ".customers")).isEqualTo(Integer.toString(CUSTOMERS - DELETED));
        browser.screenshot("run-second-with-deletes", true);
    }

    @Test
    @Order(6)
    void showsTheDagAndOpensAPipelineFromIt() throws Exception {
        admin.post("/api/pipelines", Map.of("name", "orders rollup", "source_id", sourceId, "destination_id", destinationId,
                "streams", List.of(Map.of("name", SOURCE_SCHEMA + ".orders")), "target_namespace", TARGET_SCHEMA + "_rollup",
                "depends_on", List.of(pipelineId)), 201);

        browser.open("/dag");
        browser.await("[data-node='orders rollup']");
        assertThat(browser.all(".dag .edge")).hasSize(1);
        browser.screenshot("dag", false);

        browser.js("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", browser.await("[data-node='" + PIPELINE + "']"));
        browser.awaitHash("#/pipelines/" + pipelineId);
    }

    @Test
    @Order(7)
    void uploadsAPluginJarAndItsConnectorTypeAppears() throws Exception {
        Path jar = Path.of(System.getProperty("arus.e2e.plugin")).toAbsolutePath();
        assertThat(jar).as("the generator connector jar, built before this module").isRegularFile();
        browser.open("/plugins");
        assertThat(browser.all("[data-type='connector:generator']")).isEmpty();

        browser.await("input[type=file][name=file]").sendKeys(jar.toString());
        browser.click("[data-action=upload]");

        browser.await("[data-uploaded]", Duration.ofSeconds(60));
        browser.await("[data-type='connector:generator']", Duration.ofSeconds(30));
        browser.await("tr[data-plugin='" + jar.getFileName() + "']");
        browser.screenshot("plugins", true);

        browser.open("/sources/new");
        browser.choose("select[name=type]", "generator");
        browser.await("[data-field='config.rows'] input");
        browser.screenshot("source-form-generator", false);
    }

    @Test
    @Order(8)
    void everyOtherPageRendersOnADesktopAndAPhoneInBothThemes() throws Exception {
        for (String[] page : new String[][] {
            {"/pipelines", "pipelines"}, {"/destinations", "destinations"}, {"/notifications", "notifications"},
            {"/users", "users"}, {"/tokens", "tokens"}, {"/audit", "audit"}, {"/settings", "settings"}, {"/runs", "runs"},
        }) {
            browser.open(page[0]);
            assertThat(browser.all("#view [data-error]")).as(page[0] + ": " + browser.text("#view")).isEmpty();
            browser.screenshot(page[1], true);
        }

        browser.click("#theme-toggle");
        String theme = (String) browser.js("return document.documentElement.dataset.theme");
        browser.open("/runs/" + runId);
        assertThat(browser.js("return document.documentElement.dataset.theme")).as("the theme is remembered").isEqualTo(theme);
        browser.screenshot("run-" + theme, true);
        browser.open("/pipelines/" + pipelineId + "/edit");
        browser.await(".stream-item.selected");
        browser.screenshot("pipeline-editor-" + theme, true);
        browser.click("#theme-toggle");

        browser.resize(Browser.PHONE);
        try {
            browser.open("/");
            browser.screenshot("phone-dashboard", true);
            assertThat((Boolean) browser.js("return document.documentElement.scrollWidth <= window.innerWidth + 1"))
                    .as("nothing wider than the phone's screen").isTrue();
            browser.click("#nav-toggle");
            browser.await("#nav.open a[href='#/pipelines']");
            browser.until(Duration.ofSeconds(5), () -> (Boolean) browser.js("return document.getElementById('nav').getBoundingClientRect().left >= 0"));
            browser.screenshot("phone-menu", false);
            browser.click("#nav.open a[href='#/pipelines']");
            browser.awaitHash("#/pipelines");
            browser.settle();
            browser.screenshot("phone-pipelines", true);
            browser.open("/runs/" + runId);
            browser.screenshot("phone-run", true);
        } finally {
            browser.resize(Browser.DESKTOP);
        }
    }

    @Test
    @Order(9)
    void aViewerSeesNoControlThatChangesAnything() throws Exception {
        admin.post("/api/users", Map.of("username", "viewer-" + SUFFIX, "password", "viewer-password", "role", "viewer"), 201);
        browser.click("[data-signout]");
        browser.awaitHash("#/login.*");
        console.signIn("viewer-" + SUFFIX, "viewer-password");

        List<String> pages = List.of("/", "/pipelines", "/pipelines/" + pipelineId, "/runs/" + runId, "/dag", "/sources",
                "/sources/" + sourceId, "/sources/" + sourceId + "/streams", "/destinations", "/destinations/" + destinationId,
                "/notifications", "/plugins", "/settings", "/runs");
        for (String page : pages) {
            browser.open(page);
            assertThat(browser.all("#view [data-error]")).as(page + ": " + browser.text("#view")).isEmpty();
            assertThat(browser.all("[data-action]")).as(page + " shows no control marked as changing something").isEmpty();
            List<String> labels = browser.all("#view button, #view a.button").stream().map(WebElement::getText)
                    .map(String::trim).filter(t -> CHANGE_CONTROL.matcher(t).matches()).toList();
            assertThat(labels).as(page + " shows no create, edit, delete or run button").isEmpty();
        }
        browser.open("/plugins");
        assertThat(browser.js("return [...document.querySelectorAll('#view *')].concat([document.querySelector('#view')])"
                + ".flatMap(e => [...e.childNodes]).filter(n => n.nodeType === 3 && n.textContent.trim() === 'null').length"))
                .as("no literal null on the plugins page of a viewer").isEqualTo(0L);
        browser.screenshot("viewer-plugins", false);
        browser.open("/pipelines/" + pipelineId);
        browser.screenshot("viewer-pipeline", true);
        browser.open("/sources/" + sourceId);
        assertThat(browser.await("input[name=host]").isEnabled()).as("a viewer reads the settings, read-only").isFalse();
        browser.screenshot("viewer-source", true);
        browser.open("/users");
        assertThat(browser.text("#view")).contains("needs the admin role");
    }

    @Test
    @Order(10)
    void readsCommonCronExpressionsInPlainWords() {
        Map<String, String> expected = new java.util.LinkedHashMap<>();
        expected.put("0 0/15 * * * ?", "Every 15 minutes");
        expected.put("*/10 * * * * ?", "Every 10 seconds");
        expected.put("0 0 * * * ?", "Every hour at minute 0");
        expected.put("0 30 2 * * ?", "Every day at 02:30");
        expected.put("0 0 6,18 * * ?", "Every day at 06:00 and 18:00");
        expected.put("0 0 6 ? * MON-FRI", "At 06:00 on Monday through Friday");
        expected.put("0 15 10 ? * MON,WED", "At 10:15 on Monday and Wednesday");
        expected.put("0 0 4 1 * ?", "At 04:00 on the 1st of the month");
        expected.put("0 0 3 L * ?", "At 03:00 on the last day of the month");
        expected.put("0 0/5 9-17 * * ?", "Every 5 minutes between 09:00 and 17:59");
        expected.put("0 0 12 ? 1 SUN", "At 12:00 on Sunday in January");

        @SuppressWarnings("unchecked")
        Map<String, Object> read = (Map<String, Object>) browser.jsAsync(
                "const done = arguments[arguments.length - 1];"
                        + "import(new URL('js/cron.js', document.baseURI).href).then(m => {"
                        + "  const out = {}; for (const c of arguments[0]) out[c] = m.describeCron(c).text;"
                        + "  out['hint'] = m.describeCron('0 2 * * *').hint; out['custom'] = m.describeCron('0 0 12 1W * ?').text;"
                        + "  done(out); });", List.copyOf(expected.keySet()));

        expected.forEach((cron, words) -> assertThat(read.get(cron)).as(cron).isEqualTo(words));
        assertThat((String) read.get("hint")).as("five fields: a Unix crontab").contains("add a leading \"0 \"");
        assertThat(read.get("custom")).as("an uncommon pattern is left to the preview").isNull();
    }

    @Test
    @Order(11)
    void theClusterPageListsThisServerAliveAsTheOneThatAnswers() throws Exception {
        // signed in as the viewer of the test before (the admin's tokens ended with its sign-out)
        browser.open("/cluster");
        browser.await("tr[data-node]");
        String node = (String) browser.js("return document.querySelector('#view p.muted code').textContent");
        assertThat(node).isNotBlank();
        String row = browser.await("tr[data-node='" + node + "']").getText();
        assertThat(row).contains(node).contains("(this one)").contains("alive");
        assertThat(browser.text("#view")).contains("A single server").contains("This page is answered by " + node);
        browser.screenshot("cluster", false);
    }

    private void fillPostgres() {
        browser.type("input[name=host]", Psql.HOST);
        browser.type("input[name=port]", Integer.toString(Psql.PORT));
        browser.type("input[name=database]", Psql.DATABASE);
        browser.type("input[name=username]", Psql.USER);
        browser.type("input[name=password]", Psql.PASSWORD);
    }
}
