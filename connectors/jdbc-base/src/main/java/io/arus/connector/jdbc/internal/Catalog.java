package io.arus.connector.jdbc.internal;

import io.arus.api.connector.StreamId;
import io.arus.connector.jdbc.Dialect;
import io.arus.connector.jdbc.NativeType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads tables, columns, primary keys and row estimates through the dialect's catalog queries. */
final class Catalog {
    private final Dialect dialect;

    Catalog(Dialect dialect) {
        this.dialect = dialect;
    }

    /** @return every non-system table and view, in namespace and name order */
    List<TableInfo> tables(Connection connection) throws SQLException {
        return read(connection, null, true);
    }

    /** @return one table or view, if it exists */
    Optional<TableInfo> table(Connection connection, StreamId id) throws SQLException {
        List<TableInfo> found = read(connection, id, false);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** @return one table or view with the planner's row estimate, if it exists */
    Optional<TableInfo> tableWithEstimate(Connection connection, StreamId id) throws SQLException {
        List<TableInfo> found = read(connection, id, true);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** @return the session's default schema or database */
    String defaultNamespace(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(dialect.defaultNamespaceSql());
             ResultSet rows = statement.executeQuery()) {
            if (!rows.next() || rows.getString(1) == null) {
                throw new SQLException("the session has no default schema or database");
            }
            return rows.getString(1);
        }
    }

    private List<TableInfo> read(Connection connection, StreamId one, boolean estimates) throws SQLException {
        Map<StreamId, List<ColumnInfo>> columns = new LinkedHashMap<>();
        Map<StreamId, Boolean> views = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(dialect.columnsSql(connection, one != null))) {
            bind(statement, one);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    StreamId id = new StreamId(rows.getString(1), rows.getString(2));
                    views.put(id, "VIEW".equalsIgnoreCase(rows.getString(3)));
                    NativeType type = NativeType.parse(rows.getString(5));
                    columns.computeIfAbsent(id, k -> new ArrayList<>()).add(new ColumnInfo(rows.getString(4), type,
                            rows.getBoolean(6), dialect.readMapping(type)));
                }
            }
        }
        if (columns.isEmpty()) {
            return List.of();
        }
        Map<StreamId, List<String>> keys = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(dialect.primaryKeysSql(one != null))) {
            bind(statement, one);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    keys.computeIfAbsent(new StreamId(rows.getString(1), rows.getString(2)), k -> new ArrayList<>())
                            .add(rows.getString(3));
                }
            }
        }
        Map<StreamId, Long> rowEstimates = estimates ? rowEstimates(connection) : Map.of();
        List<TableInfo> tables = new ArrayList<>(columns.size());
        for (Map.Entry<StreamId, List<ColumnInfo>> entry : columns.entrySet()) {
            StreamId id = entry.getKey();
            tables.add(new TableInfo(id, views.get(id), List.copyOf(entry.getValue()),
                    List.copyOf(keys.getOrDefault(id, List.of())), rowEstimates.getOrDefault(id, -1L)));
        }
        return tables;
    }

    private Map<StreamId, Long> rowEstimates(Connection connection) throws SQLException {
        Map<StreamId, Long> estimates = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(dialect.rowEstimatesSql());
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                long estimate = rows.getLong(3);
                estimates.put(new StreamId(rows.getString(1), rows.getString(2)),
                        rows.wasNull() || estimate < 0 ? -1L : estimate);
            }
        }
        return estimates;
    }

    private static void bind(PreparedStatement statement, StreamId one) throws SQLException {
        if (one != null) {
            statement.setString(1, one.namespace());
            statement.setString(2, one.name());
        }
    }
}
