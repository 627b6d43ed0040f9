package io.arus.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What a browser test class runs against: the exported server in a child process, an API client signed in as admin
 * and Chromium, started before the class's first test and closed after its last; then the PostgreSQL schemas the
 * class made are dropped. After each test the browser must have logged no JavaScript error. A test class registers
 * it as {@code @RegisterExtension static final ConsoleSession console = new ConsoleSession(...);}.
 */
final class ConsoleSession implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {
    private final String work;
    private final String screenshotPrefix;
    private final String[] schemas;
    private ArusProcess server;
    private ApiClient admin;
    private Browser browser;

    /**
     * @param work             the server's folder under {@code arus.e2e.work}
     * @param screenshotPrefix what the class's screenshots are named after ({@code ""}: none)
     * @param schemas          PostgreSQL schemas to drop once the server has stopped
     */
    ConsoleSession(String work, String screenshotPrefix, String... schemas) {
        this.work = work;
        this.screenshotPrefix = screenshotPrefix;
        this.schemas = schemas.clone();
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        server = ArusProcess.start(Path.of(System.getProperty("arus.e2e.jar", "../runtime/target/arus.jar")),
                Path.of(System.getProperty("arus.e2e.work", "target/e2e-work")).resolve(work));
        admin = ApiClient.login(server.base(), "admin", ArusProcess.ADMIN_PASSWORD);
        browser = Browser.start(server.base(), Path.of(System.getProperty("arus.e2e.screenshots", "target/screenshots")),
                screenshotPrefix);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (browser != null) {
            assertThat(browser.scriptErrors()).as("JavaScript errors in the browser console").isEmpty();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            try {
                if (server != null) {
                    server.close();
                }
            } finally {
                StringBuilder drop = new StringBuilder();
                for (String schema : schemas) {
                    drop.append("DROP SCHEMA IF EXISTS ").append(schema).append(" CASCADE;");
                }
                if (!drop.isEmpty()) {
                    Psql.run(drop.toString());
                }
            }
        }
    }

    /** @return the API as the admin */
    ApiClient admin() {
        return admin;
    }

    /** @return the browser */
    Browser browser() {
        return browser;
    }

    /** Fills in the login form shown now, submits it and waits for the dashboard. */
    void signIn(String username, String password) {
        browser.type("input[name=username]", username);
        browser.type("input[name=password]", password);
        browser.click("form button[type=submit]");
        browser.awaitHash("#/");
        browser.settle();
    }

    /** @return the digits of an element's text as a number (a counter's {@code 40,050}), -1 when it shows none */
    long number(String selector) {
        String digits = browser.text(selector).replaceAll("[^0-9]", "");
        return digits.isEmpty() ? -1 : Long.parseLong(digits);
    }
}
