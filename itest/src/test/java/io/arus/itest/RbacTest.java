package io.arus.itest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.BundleContext;
import org.osgi.service.jaxrs.runtime.JaxrsServiceRuntime;
import org.osgi.service.jaxrs.runtime.dto.ApplicationDTO;
import org.osgi.service.jaxrs.runtime.dto.ResourceDTO;
import org.osgi.service.jaxrs.runtime.dto.ResourceMethodInfoDTO;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

/**
 * Every resource method of the API, called with no token, a forged token, an expired token, and as viewer,
 * editor and admin. One table; a second test fails when the API has a method the table does not list.
 */
@ExtendWith({BundleContextExtension.class, ServiceExtension.class})
class RbacTest {
    private static final String FAKE = UUID.randomUUID().toString();
    private static final String BAD_CONNECTION = "{\"name\":\"x\",\"type\":\"no-such-type\",\"config\":{}}";

    /** A row: method, path as called, path as the JAX-RS runtime lists it, body, least role (null = public). */
    private record Row(String method, String path, String template, String body, String role) {
    }

    private static final List<Row> TABLE = List.of(
            new Row("GET", "/api/health", "/health", null, null),
            new Row("GET", "/api/openapi.json", "/openapi.json", null, null),
            new Row("GET", "/api/auth/providers", "/auth/providers", null, null),
            new Row("GET", "/api/connectors", "/connectors", null, "viewer"),
            new Row("GET", "/api/connectors/generator", "/connectors/{type}", null, "viewer"),
            new Row("GET", "/api/transforms", "/transforms", null, "viewer"),
            new Row("GET", "/api/transforms/x", "/transforms/{type}", null, "viewer"),
            new Row("POST", "/api/transforms/x/check", "/transforms/{type}/check", "{}", "editor"),
            new Row("GET", "/api/notifiers", "/notifiers", null, "viewer"),
            new Row("GET", "/api/notifiers/x", "/notifiers/{type}", null, "viewer"),
            new Row("GET", "/api/plugins", "/plugins", null, "viewer"),
            new Row("POST", "/api/plugins", "/plugins", null, "admin"),
            new Row("DELETE", "/api/plugins/987654", "/plugins/{id}", null, "admin"),
            new Row("POST", "/api/auth/logout", "/auth/logout", null, "viewer"),
            new Row("GET", "/api/me", "/me", null, "viewer"),
            new Row("PUT", "/api/me/password", "/me/password", "{\"current_password\":\"wrong\",\"new_password\":\"x\"}", "viewer"),
            new Row("GET", "/api/tokens", "/tokens", null, "viewer"),
            new Row("POST", "/api/tokens", "/tokens", "{\"name\":\"rbac\"}", "viewer"),
            new Row("DELETE", "/api/tokens/" + FAKE, "/tokens/{id}", null, "viewer"),
            new Row("GET", "/api/settings", "/settings", null, "viewer"),
            new Row("GET", "/api/settings/keys", "/settings/keys", null, "viewer"),
            new Row("PUT", "/api/settings", "/settings", "{\"itest.rbac\":\"1\"}", "admin"),
            new Row("GET", "/api/sources", "/sources", null, "viewer"),
            new Row("POST", "/api/sources", "/sources", BAD_CONNECTION, "editor"),
            new Row("GET", "/api/sources/" + FAKE, "/sources/{id}", null, "viewer"),
            new Row("PUT", "/api/sources/" + FAKE, "/sources/{id}", BAD_CONNECTION, "editor"),
            new Row("DELETE", "/api/sources/" + FAKE, "/sources/{id}", null, "editor"),
            new Row("POST", "/api/sources/" + FAKE + "/test", "/sources/{id}/test", null, "editor"),
            new Row("POST", "/api/sources/test", "/sources/test", BAD_CONNECTION, "editor"),
            new Row("GET", "/api/sources/" + FAKE + "/streams", "/sources/{id}/streams", null, "viewer"),
            new Row("GET", "/api/destinations", "/destinations", null, "viewer"),
            new Row("POST", "/api/destinations", "/destinations", BAD_CONNECTION, "editor"),
            new Row("GET", "/api/destinations/" + FAKE, "/destinations/{id}", null, "viewer"),
            new Row("PUT", "/api/destinations/" + FAKE, "/destinations/{id}", BAD_CONNECTION, "editor"),
            new Row("DELETE", "/api/destinations/" + FAKE, "/destinations/{id}", null, "editor"),
            new Row("POST", "/api/destinations/" + FAKE + "/test", "/destinations/{id}/test", null, "editor"),
            new Row("POST", "/api/destinations/test", "/destinations/test", BAD_CONNECTION, "editor"),
            new Row("GET", "/api/notification-targets", "/notification-targets", null, "viewer"),
            new Row("POST", "/api/notification-targets", "/notification-targets", BAD_CONNECTION, "editor"),
            new Row("GET", "/api/notification-targets/" + FAKE, "/notification-targets/{id}", null, "viewer"),
            new Row("PUT", "/api/notification-targets/" + FAKE, "/notification-targets/{id}", BAD_CONNECTION, "editor"),
            new Row("DELETE", "/api/notification-targets/" + FAKE, "/notification-targets/{id}", null, "editor"),
            new Row("POST", "/api/notification-targets/" + FAKE + "/test", "/notification-targets/{id}/test", null, "editor"),
            new Row("POST", "/api/notification-targets/test", "/notification-targets/test", BAD_CONNECTION, "editor"),
            new Row("GET", "/api/users", "/users", null, "admin"),
            new Row("POST", "/api/users", "/users", "{\"username\":\"\"}", "admin"),
            new Row("GET", "/api/users/" + FAKE, "/users/{id}", null, "admin"),
            new Row("PATCH", "/api/users/" + FAKE, "/users/{id}", "{\"role\":\"viewer\"}", "admin"),
            new Row("DELETE", "/api/users/" + FAKE, "/users/{id}", null, "admin"),
            new Row("GET", "/api/audit", "/audit", null, "admin"),
            new Row("GET", "/api/pipelines", "/pipelines", null, "viewer"),
            new Row("POST", "/api/pipelines", "/pipelines", "{}", "editor"),
            new Row("GET", "/api/pipelines/" + FAKE, "/pipelines/{id}", null, "viewer"),
            new Row("PUT", "/api/pipelines/" + FAKE, "/pipelines/{id}", "{}", "editor"),
            new Row("DELETE", "/api/pipelines/" + FAKE, "/pipelines/{id}", null, "editor"),
            new Row("POST", "/api/pipelines/preview", "/pipelines/preview", "{}", "editor"),
            new Row("GET", "/api/pipelines/" + FAKE + "/lineage", "/pipelines/{id}/lineage", null, "viewer"),
            new Row("POST", "/api/pipelines/" + FAKE + "/runs", "/pipelines/{id}/runs", null, "editor"),
            new Row("POST", "/api/pipelines/" + FAKE + "/enable", "/pipelines/{id}/enable", null, "editor"),
            new Row("POST", "/api/pipelines/" + FAKE + "/disable", "/pipelines/{id}/disable", null, "editor"),
            new Row("GET", "/api/pipelines/" + FAKE + "/runs", "/pipelines/{id}/runs", null, "viewer"),
            new Row("GET", "/api/pipelines/" + FAKE + "/state", "/pipelines/{id}/state", null, "viewer"),
            new Row("DELETE", "/api/pipelines/" + FAKE + "/state", "/pipelines/{id}/state", null, "editor"),
            new Row("GET", "/api/runs/" + FAKE, "/runs/{id}", null, "viewer"),
            new Row("GET", "/api/runs", "/runs", null, "viewer"),
            new Row("GET", "/api/runs/" + FAKE + "/series", "/runs/{id}/series", null, "viewer"),
            new Row("GET", "/api/runs/" + FAKE + "/log", "/runs/{id}/log", null, "viewer"),
            new Row("GET", "/api/runs/" + FAKE + "/logs", "/runs/{id}/logs", null, "viewer"),
            new Row("POST", "/api/runs/" + FAKE + "/cancel", "/runs/{id}/cancel", null, "editor"),
            new Row("POST", "/api/runs/" + FAKE + "/pause", "/runs/{id}/pause", null, "editor"),
            new Row("POST", "/api/runs/" + FAKE + "/resume", "/runs/{id}/resume", null, "editor"),
            new Row("GET", "/api/dead-letters", "/dead-letters", null, "viewer"),
            new Row("GET", "/api/events?for_seconds=1", "/events", null, "viewer"),
            new Row("GET", "/api/dashboard", "/dashboard", null, "viewer"),
            new Row("GET", "/api/dag", "/dag", null, "viewer"),
            new Row("GET", "/api/cluster", "/cluster", null, "viewer"),
            new Row("GET", "/api/schedule/preview?cron=0+0+3+*+*+%3F", "/schedule/preview", null, "viewer"),
            new Row("GET", "/api/export", "/export", null, "editor"),
            new Row("POST", "/api/apply?dry_run=true", "/apply", "{}", "editor"),
            new Row("GET", "/api/apply/status", "/apply/status", null, "editor"),
            new Row("POST", "/api/dead-letters/replay", "/dead-letters/replay", "{\"ids\":[\"" + FAKE + "\"]}", "editor"));

    /** Calls that end the caller's access tokens. */
    private static final Set<String> ENDS_SESSIONS = Set.of("POST /auth/logout");

    /**
     * Public endpoints that take credentials in the body, or the steps of an OpenID sign-in (a browser's redirects and
     * cookies); covered by their own tests (e2e OidcSignInTest for the OpenID ones).
     */
    private static final Set<String> LOGIN_ENDPOINTS = Set.of("POST /auth/login", "POST /auth/refresh",
            "GET /auth/oidc/start", "GET /auth/oidc/callback", "POST /auth/oidc/session");

    static ArusServer server;
    static Map<String, String> tokens;

    @InjectBundleContext
    BundleContext context;

    @InjectService
    JaxrsServiceRuntime jaxrs;

    @BeforeAll
    static void users() throws Exception {
        server = ArusServer.await();
        tokens = Map.of("viewer", Users.token(server, "viewer"), "editor", Users.token(server, "editor"),
                "admin", server.adminToken());
    }

    @Test
    void everyEndpointAnswersEachKindOfCallerAsItsRoleAllows() throws Exception {
        String adminId = server.json("/api/me").path("id").asText();
        Map<String, String> bad = Map.of(
                "forged", Tokens.forged(adminId),
                "expired", Tokens.expiredButWellSigned(Path.of(context.getProperty("arus.data.dir")), adminId),
                "garbage", "not.a.token");
        List<String> wrong = new ArrayList<>();
        for (Row row : TABLE) {
            check(wrong, row, "no token", null, row.role() == null ? -2 : 401);
            for (Map.Entry<String, String> token : bad.entrySet()) {
                check(wrong, row, token.getKey() + " token", token.getValue(), row.role() == null ? -2 : 401);
            }
            for (String role : List.of("viewer", "editor", "admin")) {
                boolean allowed = row.role() == null || rank(role) >= rank(row.role());
                // a logout ends every access token of its user: it gets a user of its own
                String token = ENDS_SESSIONS.contains(row.method() + " " + row.template()) ? Users.token(server, role)
                        : tokens.get(role);
                check(wrong, row, role, token, allowed ? -1 : 403);
            }
        }
        assertThat(wrong).as("calls answered against the role table").isEmpty();
    }

    @Test
    void theTableListsEveryResourceMethodOfTheApi() {
        Set<String> served = new TreeSet<>();
        for (ApplicationDTO app : jaxrs.getRuntimeDTO().applicationDTOs) {
            if (!"arus".equals(app.name)) {
                continue;
            }
            for (ResourceDTO resource : app.resourceDTOs) {
                for (ResourceMethodInfoDTO method : resource.resourceMethods) {
                    served.add(method.method + " " + method.path);
                }
            }
        }
        Set<String> listed = new TreeSet<>(LOGIN_ENDPOINTS);
        TABLE.forEach(row -> listed.add(row.method() + " " + row.template()));

        assertThat(served).isNotEmpty().isEqualTo(listed);
    }

    /** expected: a status; -1 = anything but 401/403 (allowed); -2 = anything but 401/403 (public). */
    private static void check(List<String> wrong, Row row, String who, String token, int expected) throws Exception {
        HttpResponse<String> response = server.send(row.method(), row.path(), row.body(), token);
        int status = response.statusCode();
        boolean ok = expected < 0 ? status != 401 && status != 403 : status == expected;
        if (ok && status >= 400) {
            JsonNode problem = ArusServer.JSON.readTree(response.body());
            ok = response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")
                    && problem.path("status").asInt() == status;
        }
        if (!ok) {
            wrong.add(row.method() + " " + row.path() + " as " + who + ": " + status + " (expected "
                    + (expected < 0 ? "not 401/403" : expected) + ") " + response.body());
        }
    }

    private static int rank(String role) {
        return List.of("viewer", "editor", "admin").indexOf(role);
    }
}
