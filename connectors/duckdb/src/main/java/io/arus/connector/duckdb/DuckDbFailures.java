package io.arus.connector.duckdb;

import io.arus.api.connector.ConnectorException.Kind;
import io.arus.connector.jdbc.SqlFailures;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Classifies DuckDB's exceptions. The driver sets no SQLState; its messages start with the error type
 * ({@code "Constraint Error: ..."}), and appender failures say what the row did wrong. One row per type.
 */
final class DuckDbFailures {
    /** A message fragment to the kind of failure it means, tried in order. */
    static final Map<String, Kind> BY_MESSAGE = new LinkedHashMap<>();

    static {
        BY_MESSAGE.put("Constraint Error", Kind.DATA);
        BY_MESSAGE.put("Conversion Error", Kind.DATA);
        BY_MESSAGE.put("Out of Range Error", Kind.DATA);
        BY_MESSAGE.put("Invalid Input Error", Kind.DATA);
        BY_MESSAGE.put("Duplicate key", Kind.DATA);
        BY_MESSAGE.put("NOT NULL constraint failed", Kind.DATA);
        BY_MESSAGE.put("invalid decimal", Kind.DATA);
        BY_MESSAGE.put("Catalog Error", Kind.SCHEMA);
        BY_MESSAGE.put("Binder Error", Kind.SCHEMA);
        BY_MESSAGE.put("Dependency Error", Kind.SCHEMA);
        // two writers of the same process changed the same rows or catalog entries: the retry usually succeeds
        BY_MESSAGE.put("TransactionContext Error", Kind.CONNECTION);
        BY_MESSAGE.put("Transaction Error", Kind.CONNECTION);
        // a lock held by another process, a file that is not a database, no access
        BY_MESSAGE.put("IO Error", Kind.CONFIGURATION);
        BY_MESSAGE.put("Permission Error", Kind.CONFIGURATION);
        BY_MESSAGE.put("Serialization Error", Kind.CONFIGURATION);
        BY_MESSAGE.put("Not implemented Error", Kind.UNSUPPORTED);
        BY_MESSAGE.put("connection disconnected", Kind.CONNECTION);
        BY_MESSAGE.put("Connection was closed", Kind.CONNECTION);
    }

    private DuckDbFailures() {
    }

    static Kind kindOf(SQLException e) {
        if (SqlFailures.sqlState(e) != null) {
            return SqlFailures.kindOf(e);
        }
        String message = SqlFailures.describe(e);
        for (Map.Entry<String, Kind> entry : BY_MESSAGE.entrySet()) {
            if (message.contains(entry.getKey())) {
                return entry.getValue();
            }
        }
        return SqlFailures.kindOf(e);
    }
}
