package io.arus.core.gitops.internal;

import java.util.HashMap;
import java.util.Map;

/**
 * Where each field of a document was written: its file, line and column, by field path
 * ({@code pipelines[orders].streams[2].cursor_field}), so an error found after parsing still points into the file.
 */
public final class Located {
    /** A place in a file. */
    public record Place(String file, int line, int column) {
    }

    private final Map<String, Place> places = new HashMap<>();

    void put(String path, Place place) {
        places.putIfAbsent(path, place);
    }

    void putAll(Located other) {
        other.places.forEach(places::putIfAbsent);
    }

    /**
     * @param path a field path
     * @return the place of that field or of its nearest enclosing field written in the document; null when none
     */
    public Place of(String path) {
        String p = path == null ? "" : path;
        while (!p.isEmpty()) {
            Place place = places.get(p);
            if (place != null) {
                return place;
            }
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            p = cut <= 0 ? "" : p.substring(0, cut);
        }
        return null;
    }
}
