package io.arus.api.type;

import java.util.Objects;

/**
 * A named, typed column of a {@link Schema} (or a member of a STRUCT).
 *
 * @param name       the column name exactly as the source spells it
 * @param type       its logical type
 * @param nullable   whether it may hold null
 * @param nativeType the source's own type as it reads in the source, e.g. {@code "varchar(40)"} or
 *                   {@code "tinyint(1) unsigned"}; empty when the field was not read from a database
 */
public record Field(String name, LogicalType type, boolean nullable, String nativeType) {
    /** Checks name and type are present. */
    public Field {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        nativeType = nativeType == null ? "" : nativeType;
    }

    /**
     * @param name     the column name
     * @param type     its logical type
     * @param nullable whether it may hold null
     * @return a field with no native type
     */
    public static Field of(String name, LogicalType type, boolean nullable) {
        return new Field(name, type, nullable, "");
    }
}
