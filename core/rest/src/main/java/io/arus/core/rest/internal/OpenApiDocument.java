package io.arus.core.rest.internal;

import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.converter.ResolvedSchema;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.jaxrs2.Reader;
import io.swagger.v3.oas.integration.SwaggerConfiguration;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.tags.Tag;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The OpenAPI 3 document of the Arus API, generated from the resource classes and their request and response types
 * by swagger-jaxrs2's reader, with Arus's JSON naming (snake_case). A pass over the result adds what the signatures
 * do not say: the bearer scheme on every operation that is not public, the role each one needs, the problem+json
 * errors, a tag per resource and stable operation ids.
 */
final class OpenApiDocument {
    /** The name of the bearer scheme in {@code components.securitySchemes}. */
    static final String BEARER = "bearer";
    /** The statuses every operation may answer with a problem document, and their reasons. */
    static final Map<String, String> PROBLEMS = problems();

    /** Guards swagger's shared converter list while ours is in it. */
    private static final Object CONVERTERS = new Object();

    private OpenApiDocument() {
    }

    /**
     * @param resources the {@code @Path} classes of the API (others are ignored)
     * @param version   the Arus version, the document's {@code info.version}
     * @return the document
     */
    static OpenAPI generate(Collection<Class<?>> resources, String version) {
        Set<Class<?>> classes = new LinkedHashSet<>();
        for (ResourceMethod method : ResourceMethod.of(resources)) {
            classes.add(method.resource());
        }
        List<ResourceMethod> methods = ResourceMethod.of(classes);
        synchronized (CONVERTERS) {
            SchemaNames names = new SchemaNames(Set.of());
            OpenAPI api = read(classes, methods, version, names);
            Set<String> shared = names.shared();
            // two classes with one simple name: read again with those names qualified, none replacing the other
            return shared.isEmpty() ? api : read(classes, methods, version, new SchemaNames(shared));
        }
    }

    /** @return the document as JSON, the bytes {@code GET /api/openapi.json} answers */
    static byte[] json(OpenAPI api) {
        try {
            return Json.pretty().writeValueAsBytes(api);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("the OpenAPI document cannot be written: " + e.getMessage(), e);
        }
    }

    /**
     * Schemas are read with Arus's own mapper, so that their properties have the names the API sends
     * ({@code created_at}) and the read-only mix-ins leave out what a request does not take. Swagger's converter
     * list is shared: ours goes first for the time of one reading.
     */
    private static OpenAPI read(Set<Class<?>> classes, List<ResourceMethod> methods, String version, SchemaNames names) {
        ModelResolver resolver = new ModelResolver(JsonProvider.MAPPER, names);
        ModelConverters.getInstance().addConverter(resolver);
        try {
            OpenAPI base = new OpenAPI()
                    .info(new Info().title("Arus API").version(version)
                            .description("The REST API of the Arus data-pipeline server. Send the access token from POST"
                                    + " /auth/login, or an API token, as `Authorization: Bearer <token>`. Errors are"
                                    + " application/problem+json documents that name the offending fields."))
                    .servers(List.of(new Server().url("/api")));
            SwaggerConfiguration config = new SwaggerConfiguration().openAPI(base).readAllResources(true).prettyPrint(true);
            OpenAPI api = new Reader(config).read(classes);
            describe(api, methods);
            return api;
        } finally {
            ModelConverters.getInstance().removeConverter(resolver);
        }
    }

    private static void describe(OpenAPI api, List<ResourceMethod> methods) {
        Components components = api.getComponents() == null ? new Components() : api.getComponents();
        api.setComponents(components);
        components.addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                .bearerFormat("JWT").description("The access token of POST /auth/login (a JWT) or an API token"));
        ResolvedSchema problem = ModelConverters.getInstance().readAllAsResolvedSchema(new AnnotatedType(Problem.class));
        problem.referencedSchemas.forEach(components::addSchemas);
        String problemRef = "#/components/schemas/" + problem.schema.getName();
        for (Map.Entry<String, String> status : PROBLEMS.entrySet()) {
            components.addResponses(responseName(status.getValue()), new ApiResponse()
                    .description(status.getValue() + ": a problem document; `errors` names the offending fields")
                    .content(new Content().addMediaType(Problem.MEDIA_TYPE,
                            new MediaType().schema(new Schema<>().$ref(problemRef)))));
        }

        Map<String, ResourceMethod> byOperation = new HashMap<>();
        for (ResourceMethod method : methods) {
            byOperation.put(method.verb() + " " + method.path(), method);
        }
        Set<String> tags = new TreeSet<>();
        Set<String> operationIds = new HashSet<>();
        if (api.getPaths() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> path : api.getPaths().entrySet()) {
            for (Map.Entry<PathItem.HttpMethod, Operation> entry : path.getValue().readOperationsMap().entrySet()) {
                Operation operation = entry.getValue();
                ResourceMethod method = byOperation.get(entry.getKey().name() + " " + path.getKey());
                if (method == null) {
                    // not one the reflection found: document it as needing a token, as the filter treats it
                    operation.addSecurityItem(new SecurityRequirement().addList(BEARER));
                } else {
                    describe(operation, method, operationIds);
                    tags.add(method.tag());
                }
                ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
                operation.setResponses(responses);
                for (Map.Entry<String, String> status : PROBLEMS.entrySet()) {
                    if (!responses.containsKey(status.getKey())) {
                        responses.addApiResponse(status.getKey(), new ApiResponse()
                                .$ref("#/components/responses/" + responseName(status.getValue())));
                    }
                }
            }
        }
        for (String tag : tags) {
            api.addTagsItem(new Tag().name(tag));
        }
    }

    private static void describe(Operation operation, ResourceMethod method, Set<String> operationIds) {
        operation.setTags(List.of(method.tag()));
        String id = method.operationId();
        for (int n = 2; !operationIds.add(id); n++) {
            id = method.operationId() + "_" + n;
        }
        operation.setOperationId(id);
        String access;
        if (method.isPublic()) {
            access = "Public: no token needed.";
            operation.setSecurity(List.of());
        } else {
            access = method.requiredRole()
                    .map(role -> "Requires the " + role.value().id() + " role.")
                    .orElse("Declares no role: refused to every caller.");
            if (method.tokenInQuery()) {
                access += " The token may also come as the access_token query parameter (for EventSource).";
            }
            operation.addSecurityItem(new SecurityRequirement().addList(BEARER));
        }
        operation.setDescription(operation.getDescription() == null ? access : operation.getDescription() + "\n\n" + access);
        statusOfTheAnswer(operation, method);
        if (operation.getSummary() == null) {
            operation.setSummary(summary(method));
        }
    }

    /**
     * Swagger files what a method returns under {@code default}; a method that returns its body (not a
     * {@code Response}, which may carry any status, nor void) answers it with 200.
     */
    private static void statusOfTheAnswer(Operation operation, ResourceMethod method) {
        Class<?> returns = method.method().getReturnType();
        ApiResponses responses = operation.getResponses();
        if (responses == null || !responses.containsKey("default") || returns == void.class
                || javax.ws.rs.core.Response.class.isAssignableFrom(returns)) {
            return;
        }
        ApiResponses ordered = new ApiResponses();
        ordered.addApiResponse("200", responses.get("default").description("OK"));
        responses.forEach((status, response) -> {
            if (!"default".equals(status)) {
                ordered.addApiResponse(status, response);
            }
        });
        operation.setResponses(ordered);
    }

    /** {@code listRuns} in class {@code pipelines}: "list runs (pipelines)". */
    private static String summary(ResourceMethod method) {
        String words = method.method().getName().replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
        return words + " (" + method.tag() + ")";
    }

    private static String responseName(String reason) {
        return reason.replace(" ", "").replace("'", "");
    }

    private static Map<String, String> problems() {
        Map<String, String> problems = new LinkedHashMap<>();
        problems.put("400", "Bad Request");
        problems.put("401", "Unauthorized");
        problems.put("403", "Forbidden");
        problems.put("404", "Not Found");
        problems.put("409", "Conflict");
        problems.put("413", "Payload Too Large");
        problems.put("415", "Unsupported Media Type");
        return Collections.unmodifiableMap(problems);
    }
}
