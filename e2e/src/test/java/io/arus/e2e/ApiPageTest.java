package io.arus.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * {@code GET /api/openapi.json} on the exported server, and the console's API page that draws it with Swagger UI
 * from the server's own files, under the console's strict Content-Security-Policy: the pipelines' operations
 * render, "Try it out" calls the API with the signed-in user's token, and the browser reports no CSP violation.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 4, unit = java.util.concurrent.TimeUnit.MINUTES)
class ApiPageTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ArusProcess server;
    private ApiClient admin;
    private Browser browser;

    @BeforeAll
    void start() throws Exception {
        server = ArusProcess.start(Path.of(System.getProperty("arus.e2e.jar", "../runtime/target/arus.jar")),
                Path.of(System.getProperty("arus.e2e.work", "target/e2e-work")).resolve("api-" + UUID.randomUUID().toString().substring(0, 8)));
        admin = ApiClient.login(server.base(), "admin", ArusProcess.ADMIN_PASSWORD);
        browser = Browser.start(server.base(), Path.of(System.getProperty("arus.e2e.screenshots", "target/screenshots")), "api");
    }

    @AfterAll
    void stop() throws Exception {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    @Test
    void servesTheOpenApiDocumentWithoutAToken() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(server.base() + "/api/openapi.json"))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("application/json");
        JsonNode document = ApiClient.JSON.readTree(response.body());
        assertThat(document.path("openapi").asText()).startsWith("3.");
        assertThat(document.at("/servers/0/url").asText()).isEqualTo("/api");
        assertThat(document.at("/paths/~1pipelines~1{id}").fieldNames()).toIterable().contains("get", "put", "delete");
        assertThat(document.at("/paths/~1pipelines~1{id}/put/security/0").has("bearer")).isTrue();
        assertThat(document.at("/paths/~1health/get/security")).isEmpty();
        // found in the running bundle, not only in a unit test's class folder: the whole API is there
        for (String path : List.of("/auth/login", "/sources", "/destinations/{id}", "/runs/{id}", "/users", "/tokens",
                "/settings", "/plugins", "/dead-letters", "/notification-targets", "/events", "/openapi.json")) {
            assertThat(document.path("paths").has(path)).as(path).isTrue();
        }
        assertThat(document.at("/components/schemas/Problem/properties").has("errors")).isTrue();
        // the same document as the admin sees it: nothing depends on who asks
        assertThat(admin.get("/api/openapi.json")).isEqualTo(document);
    }

    @Test
    void theApiPageRendersTheOperationsAndTriesThemWithTheConsolesTokenUnderTheStrictCsp() throws Exception {
        HttpResponse<String> index = HTTP.send(HttpRequest.newBuilder(URI.create(server.base() + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
        String csp = index.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp).contains("script-src 'self';").doesNotContain("unsafe-eval").doesNotContain("script-src 'self' 'unsafe-inline'");

        browser.open("/");
        browser.awaitHash("#/login.*");
        browser.type("input[name=username]", "admin");
        browser.type("input[name=password]", ArusProcess.ADMIN_PASSWORD);
        browser.click("form button[type=submit]");
        browser.awaitHash("#/");
        browser.settle();
        // the console is one document: a listener set now hears every violation of the API page opened next
        browser.js("window.cspViolations = [];"
                + "document.addEventListener('securitypolicyviolation', e => window.cspViolations.push("
                + "e.violatedDirective + ' ' + (e.blockedURI || '') + ' ' + (e.sourceFile || '') + ':' + e.lineNumber));");

        browser.click("a[data-nav='#/api']");
        browser.awaitHash("#/api");
        browser.settle();
        assertThat(browser.text("#view h1")).isEqualTo("API");
        browser.await("#api-docs .swagger-ui .opblock", Duration.ofSeconds(30));
        assertThat(browser.text("#api-docs .swagger-ui .info .title")).contains("Arus API");
        String pipelineOperations = (String) browser.js("return [...document.querySelectorAll('#api-docs .opblock')]"
                + ".map(o => o.querySelector('.opblock-summary-method').textContent + ' '"
                + " + o.querySelector('.opblock-summary-path').getAttribute('data-path')).join('\\n')");
        assertThat(pipelineOperations.lines().toList()).contains("GET /pipelines", "POST /pipelines", "GET /pipelines/{id}",
                "PUT /pipelines/{id}", "DELETE /pipelines/{id}", "POST /pipelines/{id}/runs");
        browser.screenshot("operations", false);

        // Try it out: GET /pipelines answers 200 (not 401) because the console's token went with it
        browser.js("const block = [...document.querySelectorAll('#api-docs .opblock-get')].find(o =>"
                + " o.querySelector('.opblock-summary-path').getAttribute('data-path') === '/pipelines');"
                + "block.setAttribute('data-e2e', 'list-pipelines');");
        browser.click("[data-e2e=list-pipelines] .opblock-summary");
        browser.click("[data-e2e=list-pipelines] .try-out__btn");
        browser.click("[data-e2e=list-pipelines] .execute");
        String status = tryItOutStatus("200");
        assertThat(status).startsWith("200");
        browser.screenshot("tried", true);

        // a stale access token: its 401 renews the session, and the next Execute goes through with the new token
        browser.js("const s = JSON.parse(localStorage.getItem('arus.session')); s.access_token = 'stale';"
                + "localStorage.setItem('arus.session', JSON.stringify(s));");
        browser.click("[data-e2e=list-pipelines] .execute");
        assertThat(tryItOutStatus("401")).startsWith("401");
        browser.until(Duration.ofSeconds(15), () -> !"stale".equals(browser.js(
                "return JSON.parse(localStorage.getItem('arus.session')).access_token")));
        browser.click("[data-e2e=list-pipelines] .execute");
        assertThat(tryItOutStatus("200")).startsWith("200");

        List<?> violations = (List<?>) browser.js("return window.cspViolations");
        assertThat(violations).as("securitypolicyviolation events").isEmpty();
        // Chromium logs a refused script, eval or style as a SEVERE "Refused to ... Content Security Policy" line
        assertThat(browser.scriptErrors()).as("errors (CSP refusals among them) in the browser log").isEmpty();
    }

    /** Waits until the tried operation's answer shows a status starting with {@code expected}; returns what shows. */
    private String tryItOutStatus(String expected) {
        try {
            return browser.until(Duration.ofSeconds(30), () -> {
                String shown = (String) browser.js("const cell = document.querySelector("
                        + "'[data-e2e=list-pipelines] .live-responses-table tr.response .response-col_status');"
                        + "return cell ? cell.textContent.trim() : null;");
                return shown != null && shown.startsWith(expected) ? shown : null;
            });
        } catch (org.openqa.selenium.TimeoutException e) {
            return (String) browser.js("const cell = document.querySelector("
                    + "'[data-e2e=list-pipelines] .live-responses-table tr.response .response-col_status');"
                    + "return cell ? cell.textContent.trim() : 'no answer shown';");
        }
    }
}
