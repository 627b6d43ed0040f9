package io.arus.connector.jdbc;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Binds a value of one logical type as a statement parameter (keyset bounds, multi-row inserts, deletes by key).
 */
@FunctionalInterface
public interface ValueBinder {
    /**
     * @param statement the statement
     * @param index     the 1-based parameter index
     * @param value     the value in the Java class of its logical type, or null
     * @throws SQLException when the driver refuses it
     */
    void bind(PreparedStatement statement, int index, Object value) throws SQLException;
}
