package io.arus.connector.clickhouse;

import static io.arus.connector.clickhouse.ClickHouseSql.qualify;
import static io.arus.connector.clickhouse.ClickHouseSql.quote;

import io.arus.api.connector.ConnectorException;
import io.arus.api.connector.ConnectorException.Kind;
import io.arus.api.type.Field;
import io.arus.api.type.LogicalType;
import io.arus.api.type.Schema;
import java.util.ArrayList;
import java.util.List;

/**
 * Works out the ALTER statements that adapt an existing table to a new source schema. A new field becomes a new
 * column ({@code ADD COLUMN}, Nullable: the rows already there have no value). A column that holds the new
 * field's values stays. A column whose type the new one can widen ({@link LogicalType#accepts}) is changed with
 * {@code MODIFY COLUMN}, unless it is part of the sorting key, which ClickHouse does not let change. Everything
 * else is an incompatible change, named with table, column, old and new type.
 */
final class SchemaDrift {
    private SchemaDrift() {
    }

    /**
     * @param table      the table as it is
     * @param schema     the schema later rows carry
     * @param primaryKey the key columns
     * @param server     the server, for column types
     * @return the statements to run, in order; empty when the table already fits
     * @throws ConnectorException SCHEMA when a key column is dropped or a type change is incompatible
     */
    static List<String> plan(TableInfo table, Schema schema, List<String> primaryKey, ServerVersion server)
            throws ConnectorException {
        String name = qualify(table.id().namespace(), table.id().name());
        for (String key : primaryKey) {
            if (schema.indexOf(key).isEmpty()) {
                throw new ConnectorException(Kind.SCHEMA, table.id() + ": the new schema drops key column " + key);
            }
        }
        List<String> statements = new ArrayList<>();
        for (Field field : schema.fields()) {
            ColumnType column = table.columns().get(field.name());
            if (column == null) {
                Field added = new Field(field.name(), field.type(), true, field.nativeType());
                statements.add("ALTER TABLE " + name + " ADD COLUMN " + quote(field.name()) + " "
                        + ClickHouseTypes.columnType(added, false, server));
                continue;
            }
            boolean key = table.sortingKey().contains(field.name());
            if (column.holds(field.type())) {
                if (field.nullable() && !column.isNullable() && !key && !column.base().name().equals("Array")) {
                    // a source column that became nullable: the same type, now Nullable
                    statements.add(modify(name, field, "Nullable(" + column.base() + ")"));
                }
                continue;
            }
            LogicalType current = column.logicalType();
            if (current != null && field.type().accepts(current) && !key) {
                Field widened = new Field(field.name(), field.type(), field.nullable() || column.isNullable(),
                        field.nativeType());
                statements.add(modify(name, field, ClickHouseTypes.columnType(widened, false, server)));
                continue;
            }
            throw new ConnectorException(Kind.SCHEMA, table.id() + ": column " + field.name() + " is " + column
                    + (current == null ? "" : " (" + current + ")") + " and cannot take " + field.type() + " values"
                    + (key ? "; it is part of the sorting key, whose type ClickHouse cannot change" : "")
                    + "; change the column by hand or replace the table");
        }
        return statements;
    }

    private static String modify(String table, Field field, String type) {
        return "ALTER TABLE " + table + " MODIFY COLUMN " + quote(field.name()) + " " + type;
    }
}
