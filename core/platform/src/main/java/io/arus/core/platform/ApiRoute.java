package io.arus.core.platform;

import java.util.regex.Pattern;

/**
 * The route of an API path, for metrics and spans: the path with its ids replaced by {@code {id}} (UUIDs, numbers,
 * long tokens) and over-long segments by {@code {value}}, so that a route is one series or span name however many
 * pipelines there are.
 */
public final class ApiRoute {
    private static final Pattern ID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|\\d+|[A-Za-z0-9_-]{24,}");
    /** More segments than any route has: the rest is one value. */
    private static final int MAX_SEGMENTS = 6;

    private ApiRoute() {
    }

    /**
     * @param path a request path, e.g. {@code /api/pipelines/6f1c.../runs}
     * @return its route, e.g. {@code /api/pipelines/{id}/runs}
     */
    public static String of(String path) {
        String[] segments = path.split("/", -1);
        StringBuilder route = new StringBuilder();
        for (int i = 1; i < segments.length && i <= MAX_SEGMENTS; i++) {
            String segment = segments[i];
            route.append('/').append(ID.matcher(segment).matches() ? "{id}" : segment.length() > 40 ? "{value}" : segment);
        }
        if (segments.length > MAX_SEGMENTS + 1) {
            route.append("/...");
        }
        return route.toString();
    }
}
