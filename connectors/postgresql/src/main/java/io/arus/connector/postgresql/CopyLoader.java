package io.arus.connector.postgresql;

import io.arus.api.record.Changes;
import io.arus.api.type.Field;
import io.arus.api.type.LogicalType;
import io.arus.api.type.Schema;
import io.arus.connector.jdbc.Dialect;
import io.arus.connector.jdbc.LoadTarget;
import io.arus.connector.jdbc.RowLoader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Loads rows with binary COPY. Into a table whose column types are exactly Arus' write types (a staging table of a
 * REPLACE, a table Arus created, appended to) it copies straight in. Otherwise, and always for a merge, it copies
 * into a temporary table of exactly those types and then runs {@code INSERT INTO target SELECT ... [ON CONFLICT (key)
 * DO UPDATE]}: the server then casts to the target's own types (a varchar(5), an int where Arus would say bigint),
 * and a refused value fails the statement, which the writer rolls back with the rest of the flush. Rows of change
 * capture (with {@link Changes#POSITION}) only replace a row held at the same or an older position.
 */
final class CopyLoader implements RowLoader {
    /** The alias of the merge target, so that the position guard can tell its row from the incoming one. */
    private static final String TARGET = "arus_target";

    private final Dialect dialect;

    CopyLoader(Dialect dialect) {
        this.dialect = dialect;
    }

    @Override
    public void load(Connection connection, LoadTarget target, List<Object[]> rows) throws SQLException {
        Schema schema = target.schema();
        String columns = columnList(schema);
        String table = dialect.qualify(target.namespace(), target.table());
        if (!target.merge() && target.exactTypes()) {
            copy(connection, "COPY " + table + " (" + columns + ") FROM STDIN (FORMAT binary)", schema, rows);
            return;
        }
        String temp = dialect.quote("arus_load_" + Integer.toHexString(shape(schema).hashCode()));
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TEMP TABLE IF NOT EXISTS " + temp + " (" + shape(schema) + ")");
            statement.execute("TRUNCATE " + temp);
        }
        copy(connection, "COPY " + temp + " (" + columns + ") FROM STDIN (FORMAT binary)", schema, rows);
        String insert = "INSERT INTO " + table + (target.merge() ? " AS " + TARGET : "") + " (" + columns
                + ") SELECT " + columns + " FROM " + temp;
        if (target.merge()) {
            insert += mergeClause(schema, target.primaryKey());
        }
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate(insert);
        }
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
        if (updates.isEmpty()) {
            return conflict + "NOTHING";
        }
        String merge = conflict + "UPDATE SET " + String.join(", ", updates);
        if (schema.indexOf(Changes.POSITION).isPresent()) {
            // change capture: a row held at a newer log position stays, so a re-delivered older event is harmless
            String position = dialect.quote(Changes.POSITION);
            merge += " WHERE " + TARGET + "." + position + " IS NULL OR " + TARGET + "." + position
                    + " <= EXCLUDED." + position;
        }
        return merge;
    }

    private void copy(Connection connection, String sql, Schema schema, List<Object[]> rows) throws SQLException {
        LogicalType[] types = new LogicalType[schema.size()];
        for (int i = 0; i < types.length; i++) {
            types[i] = schema.field(i).type();
        }
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
        try {
            CopyBuffer buffer = new CopyBuffer(copy);
            BinaryCopyEncoder encoder = new BinaryCopyEncoder(buffer);
            buffer.write(BinaryCopyEncoder.HEADER, 0, BinaryCopyEncoder.HEADER.length);
            for (Object[] row : rows) {
                encoder.row(row, types);
                buffer.flushIfFull();
            }
            buffer.writeShort(-1);
            buffer.flush();
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                cancel(copy);
            }
        }
    }

    private static void cancel(CopyIn copy) {
        try {
            copy.cancelCopy();
        } catch (SQLException e) {
            // the copy failed already and that failure is being reported; the transaction is rolled back anyway
            System.getLogger(CopyLoader.class.getName()).log(System.Logger.Level.DEBUG,
                    "cancelling a failed COPY: " + e.getMessage());
        }
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
                    .append(PostgresTypes.write(field));
        }
        return sql.toString();
    }
}
