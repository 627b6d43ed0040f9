package io.arus.connector.duckdb;

import io.arus.api.type.Field;
import io.arus.api.type.Schema;
import io.arus.connector.jdbc.Dialect;
import io.arus.connector.jdbc.LoadTarget;
import io.arus.connector.jdbc.RowLoader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Loads rows through DuckDB's appender, which writes column vectors straight into the table. The appender fills
 * every column of a table in table order, so it appends straight into the target only when the table's columns are
 * exactly the schema's fields with Arus' types, in order (a table Arus created, appended to, or a REPLACE staging
 * table). Otherwise, and always for a merge, it appends into a temporary table of exactly those columns and then
 * runs {@code INSERT INTO target (columns) SELECT ... [ON CONFLICT (key) DO UPDATE]}: DuckDB casts to the target's
 * own types, and a refused value fails the statement, which the writer rolls back with the rest of the flush.
 */
final class AppenderLoader implements RowLoader {
    private final Dialect dialect;

    AppenderLoader(Dialect dialect) {
        this.dialect = dialect;
    }

    @Override
    public void load(Connection connection, LoadTarget target, List<Object[]> rows) throws SQLException {
        DuckDBConnection duck = connection.unwrap(DuckDBConnection.class);
        Schema schema = target.schema();
        // The driver begins the writer's transaction lazily, at its first statement; an appender flushed before
        // that would commit on its own and escape the flush's rollback.
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT 1");
        }
        if (!target.merge() && target.exactTypes() && columnsMatch(connection, target)) {
            append(duck, duck.getCatalog(), target.namespace(), target.table(), schema, rows);
            return;
        }
        String temp = "arus_load_" + Integer.toHexString(shape(schema).hashCode());
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TEMP TABLE IF NOT EXISTS " + dialect.quote(temp) + " (" + shape(schema) + ")");
            statement.execute("DELETE FROM " + dialect.quote(temp));
        }
        append(duck, "temp", "main", temp, schema, rows);
        String columns = columnList(schema);
        String insert = "INSERT INTO " + dialect.qualify(target.namespace(), target.table()) + " (" + columns
                + ") SELECT " + columns + " FROM " + dialect.quote(temp);
        if (target.merge()) {
            insert += mergeClause(schema, target.primaryKey());
        }
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate(insert);
            statement.execute("DELETE FROM " + dialect.quote(temp));
        }
    }

    private static void append(DuckDBConnection connection, String catalog, String namespace, String table,
                               Schema schema, List<Object[]> rows) throws SQLException {
        AppendedValue[] columns = new AppendedValue[schema.size()];
        for (int i = 0; i < columns.length; i++) {
            columns[i] = AppendedValue.of(schema.field(i).type());
        }
        try (DuckDBAppender appender = connection.createAppender(catalog, namespace, table)) {
            for (Object[] row : rows) {
                appender.beginRow();
                for (int i = 0; i < columns.length; i++) {
                    columns[i].append(appender, row[i]);
                }
                appender.endRow();
            }
            appender.flush();
        }
    }

    /** Whether the table's columns are the schema's fields, in order, with exactly Arus' types. */
    private boolean columnsMatch(Connection connection, LoadTarget target) throws SQLException {
        List<String> expected = new ArrayList<>();
        for (Field field : target.schema().fields()) {
            expected.add(field.name() + " " + DuckDbTypes.write(field));
        }
        List<String> actual = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT column_name, data_type"
                + " FROM duckdb_columns() WHERE database_name = current_database() AND schema_name = ?"
                + " AND table_name = ? ORDER BY column_index")) {
            statement.setString(1, target.namespace());
            statement.setString(2, target.table());
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    actual.add(result.getString(1) + " " + result.getString(2));
                }
            }
        }
        return actual.equals(expected);
    }

    private String mergeClause(Schema schema, List<String> primaryKey) {
        List<String> keys = primaryKey.stream().map(dialect::quote).toList();
        List<String> updates = new ArrayList<>();
        for (Field field : schema.fields()) {
            if (!primaryKey.contains(field.name())) {
                String column = dialect.quote(field.name());
                updates.add(column + " = EXCLUDED." + column);
            }
        }
        String conflict = " ON CONFLICT (" + String.join(", ", keys) + ") DO ";
        return updates.isEmpty() ? conflict + "NOTHING" : conflict + "UPDATE SET " + String.join(", ", updates);
    }

    private String columnList(Schema schema) {
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < schema.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(dialect.quote(schema.field(i).name()));
        }
        return sql.toString();
    }

    /** The temporary table's columns: Arus' write type of every field, no constraints (the target checks). */
    private String shape(Schema schema) {
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < schema.size(); i++) {
            Field field = schema.field(i);
            sql.append(i == 0 ? "" : ", ").append(dialect.quote(field.name())).append(' ')
                    .append(DuckDbTypes.write(field));
        }
        return sql.toString();
    }
}
