package io.arus.api.type;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The ordered fields of a stream. Row arrays in a {@link io.arus.api.record.RecordBatch} hold one value per field,
 * at the field's index. Immutable.
 */
public final class Schema {
    private final List<Field> fields;
    private final Map<String, Integer> index;

    private Schema(List<Field> fields) {
        Map<String, Integer> positions = new HashMap<>();
        for (int i = 0; i < fields.size(); i++) {
            if (positions.put(fields.get(i).name(), i) != null) {
                throw new IllegalArgumentException("duplicate field: " + fields.get(i).name());
            }
        }
        this.fields = List.copyOf(fields);
        this.index = Collections.unmodifiableMap(positions);
    }

    /**
     * @param fields the fields, in row order
     * @return a schema
     */
    public static Schema of(List<Field> fields) {
        return new Schema(fields);
    }

    /**
     * @param fields the fields, in row order
     * @return a schema
     */
    public static Schema of(Field... fields) {
        return new Schema(List.of(fields));
    }

    /** @return the fields, in row order */
    public List<Field> fields() {
        return fields;
    }

    /** @return how many fields */
    public int size() {
        return fields.size();
    }

    /**
     * @param i a position
     * @return the field at that position
     */
    public Field field(int i) {
        return fields.get(i);
    }

    /**
     * @param name a field name
     * @return its position, or empty when the schema has no such field
     */
    public OptionalInt indexOf(String name) {
        Integer i = index.get(name);
        return i == null ? OptionalInt.empty() : OptionalInt.of(i);
    }

    /** @return the field names, in order */
    public List<String> names() {
        List<String> names = new ArrayList<>(fields.size());
        for (Field field : fields) {
            names.add(field.name());
        }
        return names;
    }

    /**
     * @param field a field to add at the end
     * @return a new schema with the field appended
     */
    public Schema with(Field field) {
        List<Field> copy = new ArrayList<>(fields);
        copy.add(Objects.requireNonNull(field));
        return new Schema(copy);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Schema s && fields.equals(s.fields);
    }

    @Override
    public int hashCode() {
        return fields.hashCode();
    }

    @Override
    public String toString() {
        return fields.toString();
    }
}
