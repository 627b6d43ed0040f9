package io.arus.connector.duckdb;

import io.arus.api.connector.ConnectorException;
import io.arus.api.type.Field;
import io.arus.api.type.LogicalType;
import io.arus.connector.jdbc.ColumnMapping;
import io.arus.connector.jdbc.ConnectionSettings;
import io.arus.connector.jdbc.Dialect;
import io.arus.connector.jdbc.NativeType;
import io.arus.connector.jdbc.RowLoader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;
import javax.sql.DataSource;

/**
 * DuckDB: double-quoted identifiers, the {@code duckdb_*()} catalog functions, appender loads, transactional DDL.
 * One per session: it knows the session's database file and default schema.
 */
final class DuckDbDialect implements Dialect {
    /** The tables of the file itself: not those of attached or temporary databases, not the system schemas. */
    private static final String OWN = " database_name = current_database()"
            + " AND schema_name NOT IN ('information_schema', 'pg_catalog')";

    private final DatabaseFile database;
    private final String schema;
    private final RowLoader loader = new AppenderLoader(this);

    DuckDbDialect(DatabaseFile database, String schema) {
        this.database = database;
        this.schema = schema;
    }

    @Override
    public String productName() {
        return "DuckDB";
    }

    @Override
    public DataSource dataSource(ConnectionSettings settings) {
        return new FileDataSource(database);
    }

    @Override
    public String describeServer(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT version()");
             ResultSet rows = statement.executeQuery()) {
            rows.next();
            return "DuckDB " + rows.getString(1);
        }
    }

    @Override
    public char quoteChar() {
        return '"';
    }

    @Override
    public int maxIdentifierLength() {
        // DuckDB sets no limit; this keeps generated names (staging tables, key names) readable
        return 255;
    }

    @Override
    public String defaultNamespaceSql() {
        return "SELECT '" + schema.replace("'", "''") + "'";
    }

    @Override
    public String columnsSql(Connection connection, boolean oneTable) {
        return "SELECT c.schema_name, c.table_name, CASE WHEN v.view_name IS NULL THEN 'TABLE' ELSE 'VIEW' END,"
                + " c.column_name, c.data_type, c.is_nullable"
                + " FROM duckdb_columns() c LEFT JOIN duckdb_views() v ON v.database_name = c.database_name"
                + " AND v.schema_name = c.schema_name AND v.view_name = c.table_name"
                + " WHERE NOT c.internal AND c.database_name = current_database()"
                + " AND c.schema_name NOT IN ('information_schema', 'pg_catalog')"
                + (oneTable ? " AND c.schema_name = ? AND c.table_name = ?" : "")
                + " ORDER BY c.schema_name, c.table_name, c.column_index";
    }

    @Override
    public String primaryKeysSql(boolean oneTable) {
        return "SELECT schema_name, table_name, column_name FROM (SELECT schema_name, table_name,"
                + " unnest(constraint_column_names) AS column_name,"
                + " generate_subscripts(constraint_column_names, 1) AS position"
                + " FROM duckdb_constraints() WHERE constraint_type = 'PRIMARY KEY' AND" + OWN
                + (oneTable ? " AND schema_name = ? AND table_name = ?" : "")
                + ") ORDER BY schema_name, table_name, position";
    }

    @Override
    public String rowEstimatesSql() {
        return "SELECT schema_name, table_name, estimated_size FROM duckdb_tables() WHERE" + OWN;
    }

    @Override
    public ColumnMapping readMapping(NativeType type) {
        return DuckDbTypes.read(type);
    }

    @Override
    public String writeType(Field field, boolean keyColumn) {
        return DuckDbTypes.write(field);
    }

    @Override
    public Object currentTime(Connection connection, LogicalType cursorType) throws SQLException {
        String sql = switch (cursorType.kind()) {
            case DATE -> "SELECT current_date";
            case TIMESTAMP -> "SELECT CAST(now() AS TIMESTAMP)";
            default -> "SELECT now()";
        };
        try (PreparedStatement statement = connection.prepareStatement(sql);
             ResultSet rows = statement.executeQuery()) {
            rows.next();
            return switch (cursorType.kind()) {
                case DATE -> rows.getObject(1, LocalDate.class);
                case TIMESTAMP -> rows.getObject(1, LocalDateTime.class);
                default -> rows.getObject(1, OffsetDateTime.class).toInstant();
            };
        }
    }

    @Override
    public String createNamespaceSql(String namespace) {
        return "CREATE SCHEMA IF NOT EXISTS " + quote(namespace);
    }

    @Override
    public RowLoader loader() {
        return loader;
    }

    @Override
    public boolean transactionalDdl() {
        return true;
    }

    @Override
    public List<String> swapSql(String namespace, String table, String staging) {
        // one transaction: readers keep the old table until commit; DuckDB names key constraints itself, so there
        // is no constraint to rename
        return List.of("DROP TABLE " + qualify(namespace, table),
                "ALTER TABLE " + qualify(namespace, staging) + " RENAME TO " + quote(table));
    }

    @Override
    public String alterColumnTypeSql(String namespace, String table, String column, String nativeType,
                                     boolean nullable) {
        return "ALTER TABLE " + qualify(namespace, table) + " ALTER COLUMN " + quote(column) + " TYPE " + nativeType;
    }

    @Override
    public ConnectorException.Kind classify(SQLException e) {
        return DuckDbFailures.kindOf(e);
    }
}
