package io.arus.core.gitops.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Objects by kind and name, each as the JSON tree of its document form: what a document asks for, or what the
 * server holds. Names sort in their natural (code point) order, which is the order an export writes.
 */
public final class State {
    private final Map<Kind, SortedMap<String, ObjectNode>> objects = new EnumMap<>(Kind.class);

    public State() {
        for (Kind kind : Kind.ALL) {
            objects.put(kind, new TreeMap<>());
        }
    }

    /** Adds or replaces an object. */
    public void put(Kind kind, String name, ObjectNode object) {
        objects.get(kind).put(name, object);
    }

    /** @return the objects of a kind by name, sorted, read-only */
    public SortedMap<String, ObjectNode> of(Kind kind) {
        return Collections.unmodifiableSortedMap(objects.get(kind));
    }

    /** @return the object, or null */
    public ObjectNode get(Kind kind, String name) {
        return objects.get(kind).get(name);
    }

    /** @return whether the state names the object */
    public boolean has(Kind kind, String name) {
        return objects.get(kind).containsKey(name);
    }
}
