package io.arus.core.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.ws.rs.GET;
import javax.ws.rs.HttpMethod;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;

/**
 * The OpenAPI document against the module's own classes: every resource method is in it, it is valid OpenAPI 3, and
 * it carries what the signatures do not say (bearer scheme, roles, problem+json errors, tags).
 */
class OpenApiDocumentTest {
    private static List<Class<?>> resources;
    private static String json;
    private static JsonNode document;

    @BeforeAll
    static void generate() throws Exception {
        resources = pathClassesOfThisModule();
        json = new String(OpenApiDocument.json(OpenApiDocument.generate(resources, "9.9.9-test")), StandardCharsets.UTF_8);
        document = new ObjectMapper().readTree(json);
    }

    @Test
    void findsTheModulesResources() {
        // a guard for the scan below: if it found nothing, "nothing is missing" would prove nothing
        assertThat(resources).contains(PipelineResource.class, SourceResource.class, HealthResource.class,
                OpenApiResource.class, AuthResource.class);
        assertThat(resources.size()).isGreaterThanOrEqualTo(19);
    }

    @Test
    void theServedDocumentFindsTheSameResourcesInItsBundle() throws Exception {
        // the resource lists the bundle's entries (a bundle has no class path to scan); here a bundle over target/classes
        Path classes = Path.of(OpenApiResource.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Bundle bundle = (Bundle) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Bundle.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "findEntries" -> {
                        List<URL> entries = new ArrayList<>();
                        try (Stream<Path> files = Files.list(classes.resolve((String) args[0]))) {
                            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
                                entries.add(file.toUri().toURL());
                            }
                        }
                        yield Collections.enumeration(entries);
                    }
                    case "loadClass" -> Class.forName((String) args[0], false, getClass().getClassLoader());
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        assertThat(OpenApiResource.resourceClasses(bundle)).containsExactlyInAnyOrderElementsOf(resources);
    }

    @Test
    void documentsEveryResourceMethod() throws Exception {
        List<String> expected = new ArrayList<>();
        for (Class<?> resource : resources) {
            String base = resource.getAnnotation(javax.ws.rs.Path.class).value();
            for (Method method : resource.getMethods()) {
                String verb = httpMethod(method);
                if (verb == null) {
                    continue;
                }
                javax.ws.rs.Path sub = method.getAnnotation(javax.ws.rs.Path.class);
                expected.add(verb + " " + fullPath(base, sub == null ? "" : sub.value()) + "  ("
                        + resource.getSimpleName() + "." + method.getName() + ")");
            }
        }
        assertThat(expected).as("resource methods found by reflection").hasSizeGreaterThan(60);
        List<String> missing = new ArrayList<>();
        for (String operation : expected) {
            String verb = operation.substring(0, operation.indexOf(' ')).toLowerCase(Locale.ROOT);
            String path = operation.substring(operation.indexOf(' ') + 1, operation.indexOf("  ("));
            if (!document.path("paths").path(path).has(verb)) {
                missing.add(operation);
            }
        }
        assertThat(missing).as("resource methods missing from the OpenAPI document").isEmpty();
        assertThat(document.at("/paths/~1pipelines~1{id}/get").isObject()).isTrue();
        assertThat(document.at("/paths/~1pipelines~1{id}/put").isObject()).isTrue();
    }

    @Test
    void isValidOpenApi3() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(json, null, options);
        assertThat(result.getMessages()).as("validation messages").isEmpty();
        assertThat(result.getOpenAPI()).isNotNull();
        assertThat(result.getOpenAPI().getOpenapi()).startsWith("3.");
        assertThat(result.getOpenAPI().getPaths()).containsKey("/pipelines/{id}");
    }

    @Test
    void theTransformEndpointsSayTheirRolesAndAnswerProblems() {
        assertThat(document.at("/paths/~1pipelines~1preview/post/description").asText()).contains("Requires the editor role.");
        assertThat(document.at("/paths/~1transforms~1{type}~1check/post/description").asText())
                .contains("Requires the editor role.");
        assertThat(document.at("/paths/~1pipelines~1{id}~1lineage/get/description").asText())
                .contains("Requires the viewer role.");
        assertThat(document.at("/paths/~1pipelines~1preview/post/responses/200").isObject()).isTrue();
        assertThat(document.at("/paths/~1pipelines~1preview/post/responses/400/$ref").asText()).contains("components/responses");
        assertThat(document.at("/paths/~1pipelines~1preview/post/responses/403/$ref").asText()).contains("components/responses");
    }

    @Test
    void protectedOperationsNeedTheBearerTokenAndSayWhichRole() {
        assertThat(document.at("/components/securitySchemes/bearer/type").asText()).isEqualTo("http");
        assertThat(document.at("/components/securitySchemes/bearer/scheme").asText()).isEqualTo("bearer");
        assertThat(document.at("/components/securitySchemes/bearer/bearerFormat").asText()).isEqualTo("JWT");
        JsonNode update = document.at("/paths/~1pipelines~1{id}/put");
        assertThat(update.at("/security/0").has("bearer")).isTrue();
        assertThat(update.path("description").asText()).contains("Requires the editor role.");
        assertThat(document.at("/paths/~1pipelines~1{id}/get/description").asText()).contains("Requires the viewer role.");
        assertThat(document.at("/paths/~1users/get/description").asText()).contains("Requires the admin role.");
        assertThat(update.path("tags").get(0).asText()).isEqualTo("pipelines");
        assertThat(update.path("operationId").asText()).isEqualTo("pipelines.update");
        // a method that returns its body answers 200 with it; one that returns a Response may answer any status
        assertThat(document.at("/paths/~1pipelines~1{id}/get/responses").has("200")).isTrue();
        assertThat(document.at("/paths/~1pipelines~1{id}/delete/responses").has("default")).isTrue();
    }

    @Test
    void publicOperationsNeedNoToken() {
        for (String pointer : List.of("/paths/~1health/get", "/paths/~1openapi.json/get", "/paths/~1auth~1login/post",
                "/paths/~1auth~1refresh/post")) {
            JsonNode operation = document.at(pointer);
            assertThat(operation.isObject()).as(pointer).isTrue();
            assertThat(operation.path("security").isArray()).as(pointer + " security").isTrue();
            assertThat(operation.path("security")).as(pointer + " security").isEmpty();
            assertThat(operation.path("description").asText()).as(pointer).contains("Public");
        }
    }

    @Test
    void everyOperationAnswersProblemDocuments() {
        assertThat(document.at("/components/schemas/Problem/properties").fieldNames()).toIterable()
                .contains("type", "title", "status", "detail", "errors");
        JsonNode errors = document.at("/components/schemas/Problem/properties/errors");
        assertThat(errors.path("type").asText()).isEqualTo("array");
        String item = errors.at("/items/$ref").asText();
        JsonNode fieldError = document.at("/components/schemas/" + item.substring(item.lastIndexOf('/') + 1) + "/properties");
        assertThat(fieldError.fieldNames()).toIterable().containsExactlyInAnyOrder("field", "message");
        assertThat(document.at("/components/responses/BadRequest/content/application~1problem+json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/Problem");
        List<String> without = new ArrayList<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation -> {
            for (String status : OpenApiDocument.PROBLEMS.keySet()) {
                if (!operation.getValue().at("/responses/" + status).has("$ref")) {
                    without.add(operation.getKey() + " " + path.getKey() + " " + status);
                }
            }
        }));
        assertThat(without).isEmpty();
    }

    @Test
    void schemasUseTheApisSnakeCaseNames() {
        JsonNode health = document.at("/paths/~1health/get/responses/200/content/application~1json/schema/$ref");
        String name = health.asText().substring(health.asText().lastIndexOf('/') + 1);
        assertThat(document.at("/components/schemas/" + name + "/properties").fieldNames()).toIterable()
                .contains("status", "version", "uptime_s", "bundles");
    }

    @Test
    void aRunSaysItsModelsWithTheFieldsTheConsoleReads() {
        JsonNode run = document.at("/paths/~1runs~1{id}/get/responses/200/content/application~1json/schema/$ref");
        String name = run.asText().substring(run.asText().lastIndexOf('/') + 1);
        JsonNode models = document.at("/components/schemas/" + name + "/properties/models");
        assertThat(models.path("type").asText()).isEqualTo("array");
        String item = models.at("/items/$ref").asText();
        assertThat(document.at("/components/schemas/" + item.substring(item.lastIndexOf('/') + 1) + "/properties")
                .fieldNames()).toIterable()
                .containsExactly("name", "materialization", "status", "rows", "duration_ms", "error");
    }

    @Test
    void aRunsStreamsSayTheirChangeLagAndEventsPerSecond() {
        JsonNode run = document.at("/paths/~1runs~1{id}/get/responses/200/content/application~1json/schema/$ref");
        String name = run.asText().substring(run.asText().lastIndexOf('/') + 1);
        String item = document.at("/components/schemas/" + name + "/properties/streams/items/$ref").asText();
        JsonNode properties = document.at("/components/schemas/" + item.substring(item.lastIndexOf('/') + 1)
                + "/properties");
        assertThat(properties.fieldNames()).toIterable().contains("rows_read", "rows_per_second", "lag_bytes",
                "lag_seconds", "events_per_second");
        assertThat(properties.at("/lag_bytes/type").asText()).isEqualTo("integer");
        assertThat(properties.at("/lag_seconds/type").asText()).isEqualTo("number");
        assertThat(properties.at("/events_per_second/type").asText()).isEqualTo("number");
    }

    @Test
    void describesTheServerAndTheInfo() {
        assertThat(document.at("/servers/0/url").asText()).isEqualTo("/api");
        assertThat(document.at("/info/title").asText()).isEqualTo("Arus API");
        assertThat(document.at("/info/version").asText()).isEqualTo("9.9.9-test");
        assertThat(document.path("tags").findValuesAsText("name")).contains("pipelines", "sources", "health");
    }

    @Test
    void keepsApartTwoClassesWithOneSimpleName() throws Exception {
        JsonNode two = new ObjectMapper().readTree(OpenApiDocument.json(
                OpenApiDocument.generate(List.of(LeftResource.class, RightResource.class), "t")));
        assertThat(two.at("/paths/~1left/get/responses/200/content/application~1json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/LeftItem");
        assertThat(two.at("/paths/~1right/get/responses/200/content/application~1json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/RightItem");
        assertThat(two.at("/components/schemas/LeftItem/properties").fieldNames()).toIterable().containsExactly("left_name");
        assertThat(two.at("/components/schemas/RightItem/properties").fieldNames()).toIterable().containsExactly("right_count");
        assertThat(two.at("/components/schemas").has("Item")).isFalse();
    }

    /** Two resources answering two different classes both named Item. */
    @javax.ws.rs.Path("left")
    public static final class LeftResource {
        @GET
        @Produces(MediaType.APPLICATION_JSON)
        public Left.Item get() {
            return new Left.Item("a");
        }
    }

    @javax.ws.rs.Path("right")
    public static final class RightResource {
        @GET
        @Produces(MediaType.APPLICATION_JSON)
        public Right.Item get() {
            return new Right.Item(1);
        }
    }

    static final class Left {
        public record Item(String leftName) {
        }
    }

    static final class Right {
        public record Item(int rightCount) {
        }
    }

    private static String httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod verb = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (verb != null) {
                return verb.value();
            }
        }
        return null;
    }

    /** What the whiteboard serves below /api: the class path, then the method path; patterns left out of {x: re}. */
    private static String fullPath(String base, String sub) {
        String joined = ("/" + base + "/" + sub).replaceAll("/+", "/");
        if (joined.length() > 1 && joined.endsWith("/")) {
            joined = joined.substring(0, joined.length() - 1);
        }
        return joined.replaceAll("\\{(\\w+)\\s*:[^}]*}", "{$1}");
    }

    /** Every concrete {@code @Path} class compiled from this module's main sources (target/classes). */
    private static List<Class<?>> pathClassesOfThisModule() throws IOException, URISyntaxException, ClassNotFoundException {
        URL location = OpenApiResource.class.getProtectionDomain().getCodeSource().getLocation();
        Path classes = Path.of(location.toURI());
        List<Class<?>> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, OpenApiDocumentTest.class.getClassLoader());
                if (type.isAnnotationPresent(javax.ws.rs.Path.class) && !Modifier.isAbstract(type.getModifiers())) {
                    found.add(type);
                }
            }
        }
        return found;
    }
}
