package io.arus.transform.flatten;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A path into a JSON value: an optional {@code $}, then names and array indexes, e.g. {@code $.address.city},
 * {@code address.city}, {@code items[0].sku}. A name is any text without {@code . [ ] :}.
 */
final class JsonPath {
    private final String text;
    private final List<Object> steps;

    private JsonPath(String text, List<Object> steps) {
        this.text = text;
        this.steps = steps;
    }

    /**
     * @param text the path
     * @return the parsed path
     * @throws IllegalArgumentException saying what is wrong and where
     */
    static JsonPath parse(String text) {
        String rest = text.strip();
        if (rest.startsWith("$")) {
            rest = rest.substring(1);
        } else if (!rest.isEmpty() && rest.charAt(0) != '[') {
            rest = "." + rest;
        }
        List<Object> steps = new ArrayList<>();
        int i = 0;
        while (i < rest.length()) {
            char c = rest.charAt(i);
            if (c == '.') {
                int end = i + 1;
                while (end < rest.length() && ".[]:".indexOf(rest.charAt(end)) < 0) {
                    end++;
                }
                if (end == i + 1) {
                    throw new IllegalArgumentException("a name is missing at index " + i + " of '" + text + "'");
                }
                steps.add(rest.substring(i + 1, end));
                i = end;
            } else if (c == '[') {
                int end = rest.indexOf(']', i);
                String index = end < 0 ? "" : rest.substring(i + 1, end);
                if (!index.matches("\\d{1,9}")) {
                    throw new IllegalArgumentException("expected [n] with a number n at index " + i + " of '"
                            + text + "'");
                }
                steps.add(Integer.parseInt(index));
                i = end + 1;
            } else {
                throw new IllegalArgumentException("unexpected '" + c + "' at index " + i + " of '" + text + "'");
            }
        }
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("the path '" + text + "' names nothing");
        }
        return new JsonPath(text, List.copyOf(steps));
    }

    /**
     * @param root a parsed JSON value
     * @return the node at this path, or {@code null} when there is none
     */
    JsonNode find(JsonNode root) {
        JsonNode node = root;
        for (Object step : steps) {
            node = step instanceof Integer index ? node.get(index) : node.get((String) step);
            if (node == null) {
                return null;
            }
        }
        return node;
    }

    @Override
    public String toString() {
        return text;
    }
}
