package io.arus.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * "Sign in with ..." end to end: the exported server configured with a real OpenID provider (mock-oauth2-server, in
 * this JVM on a loopback port, with its interactive login page), Debian's headless Chromium clicking through it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 6, unit = java.util.concurrent.TimeUnit.MINUTES)
class OidcSignInTest {
    private static final String CLIENT_ID = "arus-e2e";
    private static final String CLIENT_SECRET = "e2e-client-secret-" + UUID.randomUUID();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    MockOAuth2Server provider;
    ArusProcess server;
    Browser browser;
    ApiClient admin;
    String editorId;

    @BeforeAll
    void start() throws Exception {
        provider = new MockOAuth2Server(OAuth2Config.Companion.fromJson("{\"interactiveLogin\": true}"));
        provider.start(InetAddress.getByName("127.0.0.1"), 0);
        Path work = Path.of(System.getProperty("arus.e2e.work", "target/e2e-work")).resolve("oidc-" + UUID.randomUUID());
        server = ArusProcess.start(Path.of(System.getProperty("arus.e2e.jar", "../runtime/target/arus.jar")), work,
                oidcEnvironment(Map.of()));
        browser = Browser.start(server.base(), Path.of(System.getProperty("arus.e2e.screenshots", "target/screenshots")),
                "oidc");
        admin = ApiClient.login(server.base(), "admin", ArusProcess.ADMIN_PASSWORD);
    }

    @AfterAll
    void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
        }
        if (provider != null) {
            provider.shutdown();
        }
    }

    Map<String, String> oidcEnvironment(Map<String, String> more) {
        Map<String, String> env = new HashMap<>();
        env.put("ARUS_OIDC_ISSUER", provider.issuerUrl("default").toString());
        env.put("ARUS_OIDC_CLIENT_ID", CLIENT_ID);
        env.put("ARUS_OIDC_CLIENT_SECRET", CLIENT_SECRET);
        env.put("ARUS_OIDC_NAME", "Mock IdP");
        env.put("ARUS_OIDC_ROLE_MAP", "data-eng=editor,arus-admins=admin");
        env.putAll(more);
        return env;
    }

    @Test
    @Order(1)
    void theSignInPageOffersTheProviderNextToThePasswordForm() throws Exception {
        JsonNode providers = admin.get("/api/auth/providers");
        assertThat(providers.path("password_login").asBoolean()).isTrue();
        assertThat(providers.path("providers").get(0).path("name").asText()).isEqualTo("Mock IdP");
        assertThat(providers.toString()).doesNotContain(CLIENT_SECRET);

        browser.open("/login");
        assertThat(browser.await("#login-provider-oidc").getText()).isEqualTo("Sign in with Mock IdP");
        assertThat(browser.await("#login-form input[name=username]").isDisplayed()).isTrue();
        browser.screenshot("login-with-provider", false);
    }

    @Test
    @Order(2)
    void aGroupMappedToEditorSignsInAndCanCreate() throws Exception {
        signInAtProvider("erin", "{\"preferred_username\": \"erin\", \"groups\": [\"data-eng\", \"other\"]}");

        assertThat(browser.text("#view h1")).isEqualTo("Dashboard");
        JsonNode user = storedUser();
        assertThat(user.path("username").asText()).isEqualTo("erin");
        assertThat(user.path("role").asText()).isEqualTo("editor");
        editorId = user.path("id").asText();
        assertThat(createTarget(accessToken())).isEqualTo(201);
        browser.open("/sources");
        assertThat(browser.all("[data-action=create]")).isNotEmpty();
        browser.screenshot("editor-signed-in", false);

        JsonNode audit = admin.get("/api/audit?limit=20");
        assertThat(audit.toString()).contains("auth.oidc_login").contains("user.create").contains("first sign-in via")
                .doesNotContain(CLIENT_SECRET);
    }

    @Test
    @Order(3)
    void theSecondSignInReusesTheAccountAndFollowsTheMapping() throws Exception {
        signOut();
        signInAtProvider("erin", "{\"preferred_username\": \"erin\", \"groups\": [\"readers\"]}");

        JsonNode user = storedUser();
        assertThat(user.path("id").asText()).isEqualTo(editorId);
        assertThat(user.path("role").asText()).isEqualTo("viewer");
        long erins = 0;
        for (JsonNode each : admin.get("/api/users")) {
            erins += each.path("username").asText().startsWith("erin") ? 1 : 0;
        }
        assertThat(erins).isEqualTo(1);
    }

    @Test
    @Order(4)
    void anUnmappedUserGetsTheDefaultViewerRoleAndCannotCreate() throws Exception {
        signOut();
        signInAtProvider("victor", "{\"preferred_username\": \"victor\", \"groups\": [\"marketing\"]}");

        assertThat(storedUser().path("role").asText()).isEqualTo("viewer");
        assertThat(createTarget(accessToken())).isEqualTo(403);
        browser.open("/sources");
        assertThat(browser.all("[data-action=create]")).isEmpty();
    }

    @Test
    @Order(5)
    void aCallbackWithoutTheBrowsersFlowAndAPickUpWithoutASignInAreRefused() throws Exception {
        HttpResponse<String> callback = HTTP.send(HttpRequest.newBuilder(
                URI.create(server.base() + "/api/auth/oidc/callback?code=stolen&state=guessed")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(callback.statusCode()).isEqualTo(303);
        assertThat(callback.headers().firstValue("Location").orElseThrow())
                .contains("/#/login?oidc_error=").contains("no%20sign-in%20in%20progress");

        HttpResponse<String> pickUp = HTTP.send(HttpRequest.newBuilder(URI.create(server.base() + "/api/auth/oidc/session"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(pickUp.statusCode()).isEqualTo(401);
        assertThat(pickUp.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");

        signOut();
        browser.open("/login?oidc_error=the%20provider%20did%20not%20sign%20you%20in");
        assertThat(browser.await("#login-error").getText()).contains("the provider did not sign you in");
    }

    @Test
    @Order(6)
    void withPasswordLoginOffTheFormIsGoneAndTheApiRefusesIt() throws Exception {
        Path work = Path.of(System.getProperty("arus.e2e.work", "target/e2e-work")).resolve("oidc-only-" + UUID.randomUUID());
        try (ArusProcess oidcOnly = ArusProcess.start(Path.of(System.getProperty("arus.e2e.jar", "../runtime/target/arus.jar")),
                work, oidcEnvironment(Map.of("ARUS_PASSWORD_LOGIN", "false", "ARUS_OIDC_DEFAULT_ROLE", "none")));
             Browser other = Browser.start(oidcOnly.base(), Path.of(System.getProperty("arus.e2e.screenshots",
                     "target/screenshots")), "oidc-only")) {
            HttpResponse<String> login = HTTP.send(HttpRequest.newBuilder(URI.create(oidcOnly.base() + "/api/auth/login"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"username\": \"admin\", \"password\": \""
                            + ArusProcess.ADMIN_PASSWORD + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(login.statusCode()).isEqualTo(403);
            assertThat(login.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
            assertThat(login.body()).contains("password login is off").contains("Mock IdP");

            other.open("/login");
            other.await("#login-provider-oidc");
            assertThat(other.js("return document.getElementById('login-form').hidden")).isEqualTo(true);
            other.screenshot("login-provider-only", false);

            // ARUS_OIDC_DEFAULT_ROLE=none: a user with no mapped group is refused, and the page says why
            other.click("#login-provider-oidc");
            other.await("input[name=username]");
            other.type("input[name=username]", "mallory");
            other.js("document.querySelector('textarea[name=claims]').value = arguments[0]", "{\"groups\": [\"guests\"]}");
            other.click("input[type=submit]");
            other.awaitHash("#/login\\?oidc_error=.*");
            assertThat(other.await("#login-error").getText()).contains("has no role in Arus");
        }
    }

    @Test
    @Order(7)
    void theClientSecretAppearsInNoLogLine() throws Exception {
        String log = server.logText();
        assertThat(log).contains("OpenID Connect sign-in with Mock IdP").doesNotContain(CLIENT_SECRET);
    }

    private void signInAtProvider(String username, String claims) throws Exception {
        browser.open("/login");
        browser.click("#login-provider-oidc");
        browser.await("textarea[name=claims]");
        browser.type("input[name=username]", username);
        browser.js("document.querySelector('textarea[name=claims]').value = arguments[0]", claims);
        browser.click("input[type=submit]");
        String landed;
        try {
            landed = browser.until(Duration.ofSeconds(30), () -> {
                String text = String.valueOf(browser.js(
                        "return location.href + ' ' + (document.getElementById('login-error') || {}).textContent"));
                return text.contains("#/ ") || text.contains("oidc_error") || text.contains("failed") ? text : null;
            });
        } catch (org.openqa.selenium.TimeoutException e) {
            landed = browser.js("return location.href + ' ' + document.body.innerText").toString();
        }
        assertThat(landed).as(server.logTail()).contains("#/ ");
        browser.settle();
        assertThat(browser.js("return location.href")).asString().doesNotContain("token").doesNotContain("code=");
    }

    private void signOut() {
        browser.js("localStorage.clear()");
    }

    private JsonNode storedUser() throws Exception {
        return ApiClient.JSON.readTree(String.valueOf(browser.js("return localStorage.getItem('arus.session')"))).path("user");
    }

    private String accessToken() throws Exception {
        return ApiClient.JSON.readTree(String.valueOf(browser.js("return localStorage.getItem('arus.session')")))
                .path("access_token").asText();
    }

    private int createTarget(String token) throws Exception {
        String body = ApiClient.JSON.writeValueAsString(Map.of("name", "oidc-" + UUID.randomUUID(), "type", "webhook",
                "config", Map.of("url", "http://127.0.0.1:9/hook")));
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.base() + "/api/notification-targets"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }
}
