package io.arus.connector.postgresql;

import io.arus.api.connector.ConnectorException;
import io.arus.api.connector.ConnectorException.Kind;
import io.arus.api.connector.StreamId;
import io.arus.api.type.Field;
import io.arus.api.type.Schema;
import io.arus.connector.jdbc.ColumnMapping;
import io.arus.connector.jdbc.NativeType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A table as change capture needs it: every column with its type OID and modifier (what a pgoutput relation message
 * names), the read mapping the full-refresh reader uses for it, the primary key and the replica identity.
 *
 * @param id         the table
 * @param qualified  its quoted, qualified name
 * @param columns    every column in table order
 * @param primaryKey the key columns in key order; empty when none
 * @param identity   {@code pg_class.relreplident}: d(efault), n(othing), f(ull), i(ndex)
 */
record CaptureTable(StreamId id, String qualified, List<Column> columns, List<String> primaryKey, char identity) {
    /**
     * @param name    the column name
     * @param type    its native type as the catalog spells it (domains resolved to their base type)
     * @param typeOid {@code pg_attribute.atttypid}, as relation messages send it
     * @param typmod  {@code pg_attribute.atttypmod}
     * @param mapping how the full-refresh reader reads it
     * @param nullable whether it accepts NULL
     */
    record Column(String name, NativeType type, int typeOid, int typmod, ColumnMapping mapping, boolean nullable) {
        Field field() {
            return new Field(name, mapping.type(), nullable, type.text());
        }
    }

    static Optional<CaptureTable> read(Connection connection, PostgresDialect dialect, StreamId id) throws SQLException {
        String qualified = dialect.qualify(id.namespace(), id.name());
        List<Column> columns = new ArrayList<>();
        char identity;
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT c.relreplident FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE n.nspname = ? AND c.relname = ? AND c.relkind IN ('r', 'p')")) {
            statement.setString(1, id.namespace());
            statement.setString(2, id.name());
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                identity = rows.getString(1).charAt(0);
            }
        }
        try (PreparedStatement statement = connection.prepareStatement("SELECT a.attname,"
                + " CASE WHEN t.typtype = 'd' THEN format_type(t.typbasetype, t.typtypmod)"
                + " ELSE format_type(a.atttypid, a.atttypmod) END, a.atttypid, a.atttypmod, NOT a.attnotnull"
                + " FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid"
                + " WHERE a.attrelid = CAST(? AS regclass) AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum")) {
            statement.setString(1, qualified);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    NativeType type = NativeType.parse(rows.getString(2));
                    columns.add(new Column(rows.getString(1), type, rows.getInt(3), rows.getInt(4),
                            PostgresTypes.read(type), rows.getBoolean(5)));
                }
            }
        }
        List<String> key = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT a.attname FROM pg_index i"
                + " CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, position)"
                + " JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum"
                + " WHERE i.indrelid = CAST(? AS regclass) AND i.indisprimary ORDER BY k.position")) {
            statement.setString(1, qualified);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    key.add(rows.getString(1));
                }
            }
        }
        return Optional.of(new CaptureTable(id, qualified, List.copyOf(columns), List.copyOf(key), identity));
    }

    /** Refuses a table whose updates and deletes the log cannot identify by key. */
    void requireKey() throws ConnectorException {
        if (primaryKey.isEmpty()) {
            throw new ConnectorException(Kind.CONFIGURATION, id + " has no primary key: change capture needs one to "
                    + "apply updates and deletes by key (add a primary key, or read this table with full refresh)");
        }
        if (identity == 'n') {
            throw new ConnectorException(Kind.CONFIGURATION, id + " has REPLICA IDENTITY NOTHING: its updates and "
                    + "deletes carry no key in the log (ALTER TABLE ... REPLICA IDENTITY DEFAULT)");
        }
    }

    Optional<Column> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /**
     * @param names the requested columns; empty for all
     * @return those columns, in request order
     * @throws ConnectorException when one does not exist
     */
    List<Column> select(List<String> names) throws ConnectorException {
        if (names.isEmpty()) {
            return columns;
        }
        List<Column> selected = new ArrayList<>();
        for (String name : names) {
            selected.add(column(name).orElseThrow(() -> new ConnectorException(Kind.CONFIGURATION,
                    id + " has no column " + name)));
        }
        return selected;
    }

    static Schema schemaOf(List<Column> columns) {
        return Schema.of(columns.stream().map(Column::field).toList());
    }
}
