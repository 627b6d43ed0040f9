package io.arus.core.rest.internal;

import io.swagger.v3.core.jackson.TypeNameResolver;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Names the document's schemas after their classes' simple names, and keeps apart two classes that share one
 * (swagger would file both under one name, the second silently replacing the first): a name in {@code shared} is
 * prefixed with the enclosing class ({@code ConnectionViewsStreamView}, {@code PipelineViewsStreamView}) or, for a
 * top-level class, with its package's last segment. It also records which classes asked for which name, so that a
 * first reading can tell a second which names are shared.
 */
final class SchemaNames extends TypeNameResolver {
    private final Set<String> shared;
    private final Map<String, Set<Class<?>>> seen = new ConcurrentHashMap<>();

    /** @param shared the simple names more than one class uses, to be qualified */
    SchemaNames(Set<String> shared) {
        this.shared = Set.copyOf(shared);
    }

    @Override
    protected String getNameOfClass(Class<?> type) {
        String simple = super.getNameOfClass(type);
        seen.computeIfAbsent(simple, name -> ConcurrentHashMap.newKeySet()).add(type);
        return shared.contains(simple) ? qualifier(type) + simple : simple;
    }

    /** @return the simple names that more than one class asked for so far */
    Set<String> shared() {
        Set<String> names = new TreeSet<>();
        seen.forEach((name, types) -> {
            if (types.size() > 1) {
                names.add(name);
            }
        });
        return names;
    }

    private static String qualifier(Class<?> type) {
        if (type.getEnclosingClass() != null) {
            return type.getEnclosingClass().getSimpleName();
        }
        String pkg = type.getPackageName();
        String last = pkg.substring(pkg.lastIndexOf('.') + 1);
        return last.isEmpty() ? "" : last.substring(0, 1).toUpperCase(Locale.ROOT) + last.substring(1);
    }
}
