package io.arus.core.rest.internal;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.ws.rs.HttpMethod;
import javax.ws.rs.Path;

/**
 * One resource method as the API serves it: its class (not the abstract class that may declare it), the HTTP
 * method, the path below {@code /api} and who may call it. The OpenAPI document reads what the signatures do not
 * say (roles, public endpoints, tags) from here.
 *
 * @param resource the {@code @Path} class that serves it
 * @param method   the Java method
 * @param verb     the HTTP method, upper case
 * @param path     the path below {@code /api}, starting with {@code /}, path parameters without their patterns
 */
record ResourceMethod(Class<?> resource, Method method, String verb, String path) {

    /** @return every resource method of the given {@code @Path} classes, sorted by path and verb */
    static List<ResourceMethod> of(Collection<Class<?>> resources) {
        List<ResourceMethod> found = new ArrayList<>();
        for (Class<?> resource : resources) {
            Path base = resource.getAnnotation(Path.class);
            if (base == null || Modifier.isAbstract(resource.getModifiers())) {
                continue;
            }
            for (Method method : resource.getMethods()) {
                verbOf(method).ifPresent(verb -> {
                    Path sub = method.getAnnotation(Path.class);
                    found.add(new ResourceMethod(resource, method, verb, join(base.value(), sub == null ? "" : sub.value())));
                });
            }
        }
        found.sort(Comparator.comparing(ResourceMethod::path).thenComparing(ResourceMethod::verb));
        return found;
    }

    /** @return the HTTP method a JAX-RS method answers ({@code @GET} and the like carry {@code @HttpMethod}) */
    static Optional<String> verbOf(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod verb = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (verb != null) {
                return Optional.of(verb.value().toUpperCase(Locale.ROOT));
            }
        }
        return Optional.empty();
    }

    /** {@code "pipelines"} and {@code "{id: [^/]+}/runs"} make {@code /pipelines/{id}/runs}. */
    static String join(String classPath, String methodPath) {
        StringBuilder path = new StringBuilder();
        for (String part : (classPath + "/" + methodPath).split("/")) {
            if (!part.isBlank()) {
                path.append('/').append(part.strip());
            }
        }
        String joined = path.length() == 0 ? "/" : path.toString();
        return joined.replaceAll("\\{\\s*(\\w[\\w.-]*)\\s*:[^}]*}", "{$1}");
    }

    /** @return whether anyone may call it without a token, by the rule {@link AuthorizationFilter} applies */
    boolean isPublic() {
        return method.isAnnotationPresent(PublicEndpoint.class) || (resource.isAnnotationPresent(PublicEndpoint.class)
                && !method.isAnnotationPresent(RequiresRole.class));
    }

    /** @return the least role, empty for a public method and for one that declares none (refused to everyone) */
    Optional<RequiresRole> requiredRole() {
        if (isPublic()) {
            return Optional.empty();
        }
        RequiresRole role = method.getAnnotation(RequiresRole.class);
        return Optional.ofNullable(role != null ? role : resource.getAnnotation(RequiresRole.class));
    }

    /** @return whether the token may also come as the {@code access_token} query parameter */
    boolean tokenInQuery() {
        return method.isAnnotationPresent(TokenInQuery.class);
    }

    /**
     * @return the tag grouping it in the document: the first segment of the class's path ({@code pipelines},
     *         {@code dead-letters}), or for a class at the root the class's name in words ({@code plugin type})
     */
    String tag() {
        String base = resource.getAnnotation(Path.class).value();
        for (String part : base.split("/")) {
            if (!part.isBlank() && !part.contains("{")) {
                return part.strip();
            }
        }
        String name = resource.getSimpleName().replaceFirst("Resource$", "");
        return name.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
    }

    /** @return a stable operation id, unique per class and Java method name: {@code pipelines.update} */
    String operationId() {
        return tag().replace(' ', '-') + "." + method.getName();
    }
}
