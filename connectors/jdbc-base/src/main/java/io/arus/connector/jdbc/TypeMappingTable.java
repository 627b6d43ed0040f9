package io.arus.connector.jdbc;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A dialect's read type mapping as a table in code: native type name (as {@link NativeType#name()} gives it) to the
 * rule that makes the {@link ColumnMapping} from the parsed type (parameters, unsigned). One entry per row, so
 * that tests can cover every row and nothing hides in a chain of if-statements.
 */
public final class TypeMappingTable {
    private final Map<String, Function<NativeType, ColumnMapping>> rules;

    private TypeMappingTable(Map<String, Function<NativeType, ColumnMapping>> rules) {
        this.rules = Collections.unmodifiableMap(new LinkedHashMap<>(rules));
    }

    /** @return an empty builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param type a parsed native type
     * @return its mapping, or empty when no row of the table names it
     */
    public Optional<ColumnMapping> lookup(NativeType type) {
        Function<NativeType, ColumnMapping> rule = rules.get(type.name());
        return rule == null ? Optional.empty() : Optional.of(rule.apply(type));
    }

    /** @return the native names of every row, in table order (tests check each has a test row) */
    public java.util.Set<String> nativeNames() {
        return rules.keySet();
    }

    /** Builds a {@link TypeMappingTable}. */
    public static final class Builder {
        private final Map<String, Function<NativeType, ColumnMapping>> rules = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * @param nativeName the lower-case native name, e.g. {@code "character varying"}
         * @param rule       makes the mapping from the parsed type
         * @return this
         */
        public Builder row(String nativeName, Function<NativeType, ColumnMapping> rule) {
            if (rules.put(nativeName, Objects.requireNonNull(rule)) != null) {
                throw new IllegalArgumentException("duplicate type mapping row: " + nativeName);
            }
            return this;
        }

        /**
         * @param nativeName the lower-case native name
         * @param mapping    the fixed mapping of that type
         * @return this
         */
        public Builder row(String nativeName, ColumnMapping mapping) {
            return row(nativeName, type -> mapping);
        }

        /** @return the table */
        public TypeMappingTable build() {
            return new TypeMappingTable(rules);
        }
    }
}
