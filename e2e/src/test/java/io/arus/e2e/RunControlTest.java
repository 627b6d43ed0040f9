package io.arus.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
 * Pause, Resume and Cancel on the page of a run that copies 5,000,000 PostgreSQL rows while its counters change
 * several times a second: each control takes effect on its first click (the API says so right after), a paused run
 * shows its streams paused, a cancelled one is grey and not an error. Then the global Runs page filters those runs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 5, unit = java.util.concurrent.TimeUnit.MINUTES)
class RunControlTest {
    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
    private static final String SOURCE_SCHEMA = "runctl_src_" + SUFFIX;
    private static final String TARGET_SCHEMA = "runctl_dst_" + SUFFIX;
    private static final int BIG_ROWS = 5_000_000;
    private static final int SMALL_ROWS = 100;
    /** How long one click may take to show in the API: a batch boundary of the running copy. */
    private static final Duration EFFECT = Duration.ofSeconds(20);

    @RegisterExtension
    static final ConsoleSession console = new ConsoleSession("runctl-" + SUFFIX, "runs", SOURCE_SCHEMA, TARGET_SCHEMA);

    Browser browser;
    ApiClient admin;
    String bigPipeline;
    String smallPipeline;
    String bigRun;
    String smallRun;

    @BeforeAll
    void start() throws Exception {
        // one INSERT from generate_series into an UNLOGGED table, the key added afterwards: a few seconds
        Psql.run("DROP SCHEMA IF EXISTS " + SOURCE_SCHEMA + " CASCADE; CREATE SCHEMA " + SOURCE_SCHEMA + ";"
                + "CREATE UNLOGGED TABLE " + SOURCE_SCHEMA + ".events (id bigint NOT NULL, kind text NOT NULL, amount numeric(12,2),"
                + " updated_at timestamptz NOT NULL);"
                + "INSERT INTO " + SOURCE_SCHEMA + ".events SELECT g, 'kind ' || (g % 17), g * 0.01,"
                + " timestamptz '2026-01-01' + g * interval '1 millisecond' FROM generate_series(1, " + BIG_ROWS + ") g;"
                + "ALTER TABLE " + SOURCE_SCHEMA + ".events ADD PRIMARY KEY (id);"
                + "CREATE TABLE " + SOURCE_SCHEMA + ".small (id int PRIMARY KEY, name text, updated_at timestamptz NOT NULL DEFAULT now());"
                + "INSERT INTO " + SOURCE_SCHEMA + ".small (id, name) SELECT g, 'row ' || g FROM generate_series(1, " + SMALL_ROWS + ") g;"
                + "ANALYZE " + SOURCE_SCHEMA + ".events; ANALYZE " + SOURCE_SCHEMA + ".small;");
        browser = console.browser();
        admin = console.admin();
        Map<String, Object> postgres = Map.of("host", Psql.HOST, "port", Psql.PORT, "database", Psql.DATABASE,
                "username", Psql.USER, "password", Psql.PASSWORD);
        String source = admin.post("/api/sources", Map.of("name", "events db", "type", "postgresql", "config", postgres), 201)
                .path("id").asText();
        String destination = admin.post("/api/destinations", Map.of("name", "events copy", "type", "postgresql", "config", postgres), 201)
                .path("id").asText();
        // small batches, one stream at a time: the copy runs long enough to be paused, resumed and cancelled
        bigPipeline = admin.post("/api/pipelines", Map.of("name", "five million events", "source_id", source,
                "destination_id", destination, "streams", List.of(Map.of("name", SOURCE_SCHEMA + ".events")),
                "target_namespace", TARGET_SCHEMA, "batch_size", 2000, "parallelism", 1), 201).path("id").asText();
        smallPipeline = admin.post("/api/pipelines", Map.of("name", "small table", "source_id", source,
                "destination_id", destination, "streams", List.of(Map.of("name", SOURCE_SCHEMA + ".small")),
                "target_namespace", TARGET_SCHEMA), 201).path("id").asText();
        browser.open("/");
        browser.awaitHash("#/login.*");
        console.signIn("admin", ArusProcess.ADMIN_PASSWORD);
    }

    @Test
    @Order(1)
    void pauseResumeAndCancelEachTakeEffectOnTheFirstClick() throws Exception {
        browser.open("/pipelines/" + bigPipeline);
        browser.click("[data-action=run]");
        browser.awaitHash("#/runs/[0-9a-f-]{36}");
        bigRun = ((String) browser.js("return location.hash")).replace("#/runs/", "");
        browser.settle();
        // progress events arrive and the counters move: the situation in which clicks were lost
        browser.until(Duration.ofSeconds(60), () -> console.number("[data-stat=written] .value") > 0);
        long events = ((Number) browser.js("return Number(document.querySelector('#view .page').dataset.liveEvents || 0)")).longValue();
        browser.until(Duration.ofSeconds(20), () -> ((Number) browser.js(
                "return Number(document.querySelector('#view .page').dataset.liveEvents || 0)")).longValue() > events + 2);
        browser.screenshot("run-big-running", false);

        browser.click("[data-action=pause]");
        assertThat(awaitState("paused")).as("the run's state after one click on Pause").isEqualTo("paused");
        browser.until(Duration.ofSeconds(15), () -> "paused".equals(browser.js(
                "const b = document.querySelector('[data-run-status]'); return b && b.dataset.runStatus")));
        browser.until(Duration.ofSeconds(10), () -> !browser.all("tr[data-stream='" + SOURCE_SCHEMA + ".events'][data-status=paused]").isEmpty());
        // the batch in flight when Pause came is flushed (its offset with it); after that nothing moves
        long written = browser.until(Duration.ofSeconds(30), () -> {
            long before = writtenByBigRun();
            sleep(3000);
            return writtenByBigRun() == before ? before : null;
        });
        Thread.sleep(3000);
        assertThat(writtenByBigRun()).as("nothing is written while paused").isEqualTo(written);
        assertThat(browser.await("tr[data-stream='" + SOURCE_SCHEMA + ".events'] [data-rows-per-second]").getAttribute("data-rows-per-second"))
                .as("rows/s of a paused stream").isEqualTo("0");
        browser.screenshot("run-big-paused", true);

        browser.click("[data-action=resume]");
        assertThat(awaitState("running")).as("the run's state after one click on Resume").isEqualTo("running");
        browser.until(Duration.ofSeconds(15), () -> browser.all("[data-action=pause]").size() == 1);
        browser.until(Duration.ofSeconds(60), () -> writtenByBigRun() > written);

        browser.click("[data-action=cancel]");
        browser.click("#modal-root [data-action=confirm]");
        assertThat(awaitState("cancelled")).as("the run's state after one click on Cancel").isEqualTo("cancelled");
        browser.until(Duration.ofSeconds(15), () -> "cancelled".equals(browser.js(
                "const b = document.querySelector('[data-run-status]'); return b && b.dataset.runStatus")));
        WebElement badge = browser.await("[data-run-status=cancelled] .badge");
        assertThat(badge.getAttribute("class").split(" ")).as("a cancelled run is neutral, not red").containsExactly("badge");
        assertThat(browser.js("return getComputedStyle(arguments[0]).color === getComputedStyle(document.documentElement)"
                + ".getPropertyValue('--idle').trim().replace(/^#(..)(..)(..)$/, (m, r, g, b) =>"
                + " `rgb(${parseInt(r, 16)}, ${parseInt(g, 16)}, ${parseInt(b, 16)})`)", badge)).as("grey").isEqualTo(true);
        assertThat(browser.text("#view")).doesNotContain("stopped with an error");
        assertThat(browser.all("[data-outcome=cancelled]")).hasSize(1);
        browser.screenshot("run-big-cancelled", true);
    }

    @Test
    @Order(2)
    void theRunsPageFiltersByStatusAndPipelineAndDrawsATimeline() throws Exception {
        smallRun = admin.post("/api/pipelines/" + smallPipeline + "/runs", Map.of("trigger", "manual"), 202).path("run_id").asText();
        admin.awaitRunEnd(smallRun);

        browser.open("/runs");
        browser.await("tr[data-run='" + smallRun + "']");
        browser.await("tr[data-run='" + bigRun + "']");
        assertThat(browser.all(".timeline rect.run")).hasSizeGreaterThanOrEqualTo(2);
        browser.screenshot("runs", true);

        browser.choose("select[name=status]", "cancelled");
        browser.until(Duration.ofSeconds(15), () -> browser.all("tr[data-run='" + smallRun + "']").isEmpty()
                && !browser.all("tr[data-run='" + bigRun + "']").isEmpty());
        assertThat(statuses()).as("only cancelled runs").containsOnly("cancelled");
        assertThat(browser.all("tr[data-run='" + bigRun + "']")).hasSize(1);
        assertThat((String) browser.js("return location.hash")).as("the filter is kept in the address").contains("status=cancelled");

        browser.choose("select[name=status]", "Any status");
        browser.choose("select[name=pipeline_id]", "small table");
        browser.until(Duration.ofSeconds(15), () -> browser.all("tr[data-run='" + bigRun + "']").isEmpty()
                && !browser.all("tr[data-run='" + smallRun + "']").isEmpty());
        assertThat(browser.all("tr[data-run]")).extracting(e -> e.getAttribute("data-pipeline")).containsOnly("small table");
        assertThat(browser.all("tr[data-run='" + smallRun + "']")).hasSize(1);

        browser.choose("select[name=trigger]", "schedule");
        browser.await("[data-runs-count='0']");
        assertThat(browser.all("tr[data-run]")).isEmpty();

        browser.resize(Browser.PHONE);
        try {
            browser.open("/runs");
            browser.await("tr[data-run='" + bigRun + "']");
            assertThat((Boolean) browser.js("return document.documentElement.scrollWidth <= window.innerWidth + 1"))
                    .as("nothing wider than the phone's screen").isTrue();
            browser.screenshot("phone-runs", true);
            browser.open("/runs/" + bigRun);
            browser.screenshot("phone-run-cancelled", true);
        } finally {
            browser.resize(Browser.DESKTOP);
        }
    }

    private long writtenByBigRun() {
        try {
            return admin.get("/api/runs/" + bigRun).path("streams").path(0).path("rows_written").asLong();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private List<String> statuses() {
        return browser.all("tr[data-run]").stream().map(e -> e.getAttribute("data-status")).toList();
    }

    /** Polls the API until the big run is in {@code wanted} or the wait is over; returns the last state seen. */
    private String awaitState(String wanted) throws Exception {
        long deadline = System.nanoTime() + EFFECT.toNanos();
        String status;
        do {
            status = admin.get("/api/runs/" + bigRun).path("status").asText();
            if (wanted.equals(status)) {
                return status;
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        return status;
    }
}
