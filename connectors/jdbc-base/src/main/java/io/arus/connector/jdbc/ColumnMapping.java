package io.arus.connector.jdbc;

import io.arus.api.type.LogicalType;
import java.util.Objects;

/**
 * How one native column type is read: its logical type and the reader that turns a JDBC value into the Java value
 * of that logical type.
 *
 * @param type   the logical type
 * @param reader reads a value of it
 */
public record ColumnMapping(LogicalType type, ColumnReader reader) {
    /** Checks both parts are present. */
    public ColumnMapping {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(reader, "reader");
    }
}
