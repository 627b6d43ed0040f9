package io.arus.core.rest.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a run found beside its counters, as the run view lists it: the quality checks of its streams
 * ({@code stream}, {@code name}, {@code outcome} passed|warned|failed|skipped, {@code message}) and the source schema
 * changes they saw ({@code stream}, {@code kind}, {@code column}, {@code detail}). Streams keep both as JSON text.
 */
final class RunResults {
    private RunResults() {
    }

    /** @return the stored JSON text parsed, the text itself when it does not parse, or null */
    static Object json(String text) {
        if (text == null) {
            return null;
        }
        try {
            return JsonProvider.MAPPER.readValue(text, Object.class);
        } catch (IOException e) {
            return text;
        }
    }

    /** @param checks a stream's parsed check results (a list of {@code check}, {@code status}, {@code detail}) */
    static List<Map<String, Object>> checks(String stream, Object checks) {
        List<Map<String, Object>> flat = new ArrayList<>();
        if (checks instanceof List<?> results) {
            for (Object result : results) {
                if (result instanceof Map<?, ?> check) {
                    Map<String, Object> view = new LinkedHashMap<>();
                    view.put("stream", stream);
                    view.put("name", check.get("check"));
                    view.put("outcome", check.get("status"));
                    view.put("message", check.get("detail"));
                    view.put("action", check.get("action"));
                    flat.add(view);
                }
            }
        }
        return flat;
    }

    /** @param changes a stream's parsed schema changes (a list of {@code kind}, {@code column}, {@code detail}) */
    static List<Map<String, Object>> schemaChanges(String stream, Object changes) {
        List<Map<String, Object>> flat = new ArrayList<>();
        if (changes instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof Map<?, ?> change) {
                    Map<String, Object> view = new LinkedHashMap<>();
                    view.put("stream", stream);
                    view.put("kind", change.get("kind"));
                    view.put("column", change.get("column"));
                    view.put("detail", change.get("detail"));
                    flat.add(view);
                }
            }
        }
        return flat;
    }
}
