package io.arus.core.gitops.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The paths of the fields that differ between two objects in their document form: {@code schedule.cron},
 * {@code streams[2].cursor_field}; a list that changed length is named as a whole ({@code streams}). Numbers compare
 * by value ({@code 5} equals {@code 5.0}).
 */
public final class FieldDiff {
    private FieldDiff() {
    }

    /** @return the differing paths, in the desired object's key order, then the removed keys */
    public static List<String> between(JsonNode current, JsonNode desired) {
        List<String> paths = new ArrayList<>();
        diff("", current, desired, paths);
        return paths;
    }

    private static void diff(String path, JsonNode current, JsonNode desired, List<String> paths) {
        if (current == null || current.isMissingNode() || current.isNull()) {
            if (!(desired == null || desired.isMissingNode() || desired.isNull())) {
                paths.add(path);
            }
            return;
        }
        if (desired == null || desired.isMissingNode() || desired.isNull()) {
            paths.add(path);
            return;
        }
        if (current.isObject() && desired.isObject()) {
            Set<String> keys = new LinkedHashSet<>();
            desired.fieldNames().forEachRemaining(keys::add);
            current.fieldNames().forEachRemaining(keys::add);
            for (String key : keys) {
                diff(path.isEmpty() ? key : path + "." + key, current.get(key), desired.get(key), paths);
            }
        } else if (current.isArray() && desired.isArray()) {
            if (current.size() != desired.size()) {
                paths.add(path);
                return;
            }
            Iterator<JsonNode> c = current.elements();
            Iterator<JsonNode> d = desired.elements();
            for (int i = 0; c.hasNext(); i++) {
                diff(path + "[" + i + "]", c.next(), d.next(), paths);
            }
        } else if (current.isNumber() && desired.isNumber()) {
            if (current.decimalValue().compareTo(desired.decimalValue()) != 0) {
                paths.add(path);
            }
        } else if (!current.equals(desired)) {
            paths.add(path);
        }
    }
}
