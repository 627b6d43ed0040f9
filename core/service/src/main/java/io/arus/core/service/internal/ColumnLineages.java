package io.arus.core.service.internal;

import io.arus.api.type.Field;
import io.arus.api.type.Schema;
import io.arus.core.engine.TransformPreview;
import io.arus.core.model.TransformSpec;
import io.arus.core.service.TransformService.ColumnLineage;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Composes the steps' lineage into destination column -> source columns. A step touched a column when it made it
 * from other columns or under another name, changed its type, or names it in its configuration (a mask's columns).
 */
final class ColumnLineages {
    private ColumnLineages() {
    }

    /**
     * @param source the source schema
     * @param steps  the opened steps, in order, with their lineage
     * @param specs  the steps' configurations (to see which columns a step names)
     * @return each column of the last step's output (the source's when there are no steps)
     */
    static List<ColumnLineage> compose(Schema source, List<TransformPreview.StepPreview> steps, List<TransformSpec> specs) {
        Map<String, Set<String>> sources = new LinkedHashMap<>();
        Map<String, Set<Integer>> touched = new LinkedHashMap<>();
        for (Field field : source.fields()) {
            sources.put(field.name(), new LinkedHashSet<>(List.of(field.name())));
            touched.put(field.name(), new TreeSet<>());
        }
        Schema input = source;
        for (TransformPreview.StepPreview step : steps) {
            Map<String, Set<String>> nextSources = new LinkedHashMap<>();
            Map<String, Set<Integer>> nextTouched = new LinkedHashMap<>();
            Set<String> named = names(specs.get(step.index()).config().values());
            for (Field out : step.schema().fields()) {
                List<String> from = step.lineage().getOrDefault(out.name(), List.of());
                Set<String> origin = new LinkedHashSet<>();
                Set<Integer> by = new TreeSet<>();
                for (String in : from) {
                    origin.addAll(sources.getOrDefault(in, Set.of()));
                    by.addAll(touched.getOrDefault(in, Set.of()));
                }
                boolean same = from.equals(List.of(out.name())) && input.indexOf(out.name()).isPresent()
                        && input.field(input.indexOf(out.name()).getAsInt()).type().equals(out.type());
                if (!same || named.contains(out.name())) {
                    by.add(step.index());
                }
                nextSources.put(out.name(), origin);
                nextTouched.put(out.name(), by);
            }
            sources = nextSources;
            touched = nextTouched;
            input = step.schema();
        }
        List<ColumnLineage> columns = new ArrayList<>();
        for (Map.Entry<String, Set<String>> entry : sources.entrySet()) {
            columns.add(new ColumnLineage(entry.getKey(), List.copyOf(entry.getValue()),
                    List.copyOf(touched.get(entry.getKey()))));
        }
        return columns;
    }

    /** @return every text in a configuration: values, list entries, map keys and values */
    private static Set<String> names(Collection<?> values) {
        Set<String> names = new LinkedHashSet<>();
        for (Object value : values) {
            if (value instanceof String text) {
                names.add(text);
            } else if (value instanceof Collection<?> list) {
                names.addAll(names(list));
            } else if (value instanceof Map<?, ?> map) {
                map.keySet().forEach(k -> names.add(String.valueOf(k)));
                names.addAll(names(map.values()));
            }
        }
        return names;
    }
}
