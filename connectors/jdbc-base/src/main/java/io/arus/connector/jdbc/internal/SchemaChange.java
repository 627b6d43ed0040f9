package io.arus.connector.jdbc.internal;

import io.arus.api.connector.ConnectorException;
import io.arus.api.connector.ConnectorException.Kind;
import io.arus.api.type.Field;
import io.arus.api.type.LogicalType;
import io.arus.api.type.Schema;
import io.arus.connector.jdbc.Dialect;
import io.arus.connector.jdbc.NativeType;
import java.util.ArrayList;
import java.util.List;

/**
 * Works out the DDL that adapts an existing table to a new schema: new fields become new (nullable) columns; a
 * column whose type cannot hold the new field's values is widened when the new type accepts the old one
 * ({@link LogicalType#accepts}), bounded text is lengthened; anything else is an incompatible change.
 */
final class SchemaChange {
    private final Dialect dialect;
    private final TableDdl ddl;

    SchemaChange(Dialect dialect, TableDdl ddl) {
        this.dialect = dialect;
        this.ddl = ddl;
    }

    /**
     * @return the statements to run, in order; empty when the table already fits
     * @throws ConnectorException SCHEMA when a key column is missing or a type change is incompatible
     */
    List<String> plan(TableInfo table, Schema schema, List<String> primaryKey) throws ConnectorException {
        String namespace = table.id().namespace();
        String name = table.id().name();
        for (String key : primaryKey) {
            if (schema.indexOf(key).isEmpty()) {
                throw new ConnectorException(Kind.SCHEMA, table.id() + ": the new schema drops key column " + key);
            }
        }
        List<String> statements = new ArrayList<>();
        for (Field field : schema.fields()) {
            var existing = table.column(field.name());
            if (existing.isEmpty()) {
                statements.add(ddl.addColumn(namespace, name, field));
                continue;
            }
            ColumnInfo column = existing.get();
            LogicalType current = column.mapping().type();
            boolean wider = current.accepts(field.type()) && !longerText(column.type(), field);
            if (wider) {
                continue;
            }
            if (field.type().accepts(current)) {
                boolean key = primaryKey.contains(field.name());
                statements.add(dialect.alterColumnTypeSql(namespace, name, field.name(),
                        dialect.writeType(field, key), column.nullable() && !key));
                continue;
            }
            throw new ConnectorException(Kind.SCHEMA, table.id() + ": column " + field.name() + " is "
                    + column.type().text() + " (" + current + ") and cannot take " + field.type()
                    + " values; change the column by hand or replace the table");
        }
        return statements;
    }

    /**
     * Whether a bounded text column (varchar(n), char(n)) is shorter than the new field's declared length. A field
     * without a native type or without a declared length says nothing: its too-long values are refused row by row.
     */
    private static boolean longerText(NativeType column, Field field) {
        if (field.type().kind() != LogicalType.Kind.STRING || column.params().isEmpty() || field.nativeType().isEmpty()) {
            return false;
        }
        int length = column.param(0, Integer.MAX_VALUE);
        if (length == Integer.MAX_VALUE) {
            return false;
        }
        NativeType incoming = NativeType.parse(field.nativeType());
        // Only a source that declares a larger bound widens the column. Unbounded source text promises no length,
        // and the target's bound is then a deliberate constraint: too-long values go to dead letters row by row.
        return !incoming.params().isEmpty() && incoming.param(0, Integer.MAX_VALUE) > length;
    }
}
