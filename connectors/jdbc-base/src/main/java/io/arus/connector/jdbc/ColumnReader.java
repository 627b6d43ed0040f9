package io.arus.connector.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Reads one column of the current row as the Java value its logical type prescribes (see
 * {@link io.arus.api.type.LogicalType}), or {@code null} for SQL NULL.
 */
@FunctionalInterface
public interface ColumnReader {
    /**
     * @param rows   a result set on a row
     * @param column the 1-based column index
     * @return the value, or null
     * @throws SQLException when the driver cannot read it
     */
    Object read(ResultSet rows, int column) throws SQLException;
}
