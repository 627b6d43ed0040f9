package io.arus.connector.clickhouse;

import static io.arus.connector.clickhouse.ClickHouseSql.quote;

import io.arus.api.connector.ConnectorException;
import io.arus.api.connector.ConnectorException.Kind;
import io.arus.api.type.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToLongFunction;

/**
 * How the rows of one batch schema land in one table: which columns the INSERT names, which row position feeds
 * each, and the encoder of each column's actual type (so an INT32 field feeds an Int64 column that drift widened).
 * Versioned tables get {@code _arus_version} (one per row, ascending) and {@code _arus_deleted} (0 for rows, 1 for
 * tombstones) appended. Columns the batch lacks are left out and take their defaults.
 *
 * <p>Rows go in the Native format, a block per batch, column after column, when every column is flat (numbers,
 * text, decimals, dates, UUIDs, each Nullable or not): the server then copies each column instead of parsing row
 * after row, which took it 0.64-0.76 s of CPU for 1,000,000 rows of the bench table against 1.04-1.23 s for the
 * same rows in RowBinary (measured here, ClickHouse 18.16). The server joins a flush's blocks into one part. A table
 * with an Array or LowCardinality column, whose Native layouts are not one value after another, gets RowBinary.
 */
final class InsertPlan {
    private final TableInfo table;
    private final List<String> columns = new ArrayList<>();
    private final String[] names;
    private final int[] positions;
    private final ColumnEncoder[] encoders;
    /** Each column's type as the table spells it, for the Native block's header. */
    private final String[] typeNames;
    /** The encoder of a Nullable column's values (null maps come first in Native), else the column's encoder. */
    private final ColumnEncoder[] values;
    /** The width of a Nullable column's null placeholder in Native, or -1 for a column that is not Nullable. */
    private final int[] nullWidths;
    private final boolean columnar;
    private final boolean versioned;
    private final boolean tombstones;
    private final int deleted;

    private InsertPlan(TableInfo table, List<String> fields, int[] positions, int deleted) throws ConnectorException {
        this.table = table;
        this.names = fields.toArray(new String[0]);
        this.positions = positions;
        this.encoders = new ColumnEncoder[names.length];
        this.typeNames = new String[names.length];
        this.values = new ColumnEncoder[names.length];
        this.nullWidths = new int[names.length];
        boolean flat = true;
        for (int i = 0; i < names.length; i++) {
            ColumnType type = table.columns().get(names[i]);
            if (type == null) {
                throw new ConnectorException(Kind.SCHEMA, table.id() + " has no column " + names[i]
                        + "; the writer must be told of new fields with evolve() first");
            }
            encoders[i] = ColumnEncoders.forType(type);
            if (encoders[i] == null) {
                throw new ConnectorException(Kind.SCHEMA, table.id() + ": column " + names[i] + " is " + type
                        + ", a type Arus cannot write; change the column by hand or replace the table");
            }
            columns.add(quote(names[i]));
            typeNames[i] = type.toString();
            boolean nullable = type.name().equals("Nullable");
            ColumnType inner = nullable ? type.argType(0) : type;
            flat &= ColumnEncoders.nativeWidth(inner) >= 0;
            values[i] = nullable ? ColumnEncoders.forType(inner) : encoders[i];
            nullWidths[i] = nullable ? ColumnEncoders.nativeWidth(inner) : -1;
        }
        this.columnar = flat;
        this.versioned = table.isVersioned();
        this.tombstones = table.hasTombstones();
        this.deleted = deleted;
        if (versioned) {
            columns.add(quote(TableInfo.VERSION));
        }
        if (tombstones) {
            columns.add(quote(TableInfo.DELETED));
        }
    }

    /**
     * @param table  the table as it is now
     * @param schema the schema of the rows
     * @return the plan for rows of that schema
     * @throws ConnectorException SCHEMA when the table lacks a field's column or has a column type Arus cannot write
     */
    static InsertPlan rows(TableInfo table, Schema schema) throws ConnectorException {
        int[] positions = new int[schema.size()];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = i;
        }
        return new InsertPlan(table, schema.names(), positions, 0);
    }

    /**
     * @param table      a table with tombstones
     * @param primaryKey the key columns, in the order delete keys hold their values
     * @return the plan for tombstones: the key, a version and {@code _arus_deleted = 1}
     */
    static InsertPlan tombstones(TableInfo table, List<String> primaryKey) throws ConnectorException {
        int[] positions = new int[primaryKey.size()];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = i;
        }
        return new InsertPlan(table, primaryKey, positions, 1);
    }

    /** @return the quoted column names, in the order rows are encoded */
    List<String> columns() {
        return columns;
    }

    /** @return whether rows go in the Native format (every column flat), else in RowBinary */
    boolean columnar() {
        return columnar;
    }

    /** @return whether rows need versions */
    boolean versioned() {
        return versioned;
    }

    /**
     * Encodes rows; if one is refused, the output is left as it was before the first row.
     *
     * @param rows         the rows (or delete keys)
     * @param version      the version of each row, by its index in {@code rows}
     * @param out          where the bytes go
     * @throws ConnectorException DATA naming the column, the value's problem and the row
     */
    void encode(List<Object[]> rows, IntToLongFunction version, RowBinaryOutput out) throws ConnectorException {
        if (columnar) {
            encodeBlock(rows, version, out);
            return;
        }
        int mark = out.size();
        for (int r = 0; r < rows.size(); r++) {
            Object[] row = rows.get(r);
            int i = 0;
            try {
                for (; i < encoders.length; i++) {
                    encoders[i].write(out, row[positions[i]]);
                }
            } catch (RefusedValue e) {
                out.truncate(mark);
                throw new ConnectorException(Kind.DATA, table.id() + ": column " + names[i] + ": " + e.getMessage()
                        + " (row " + (r + 1) + " of " + rows.size() + ")");
            }
            if (versioned) {
                out.writeLong(version.applyAsLong(r));
            }
            if (tombstones) {
                out.writeByte(deleted);
            }
        }
    }

    /**
     * One Native block: the column and row counts, then per column its name, its type and every row's value (a
     * Nullable column's null map first, then its values with zero bytes for the nulls).
     */
    private void encodeBlock(List<Object[]> rows, IntToLongFunction version, RowBinaryOutput out)
            throws ConnectorException {
        int mark = out.size();
        int size = rows.size();
        out.writeVarInt(names.length + (versioned ? 1 : 0) + (tombstones ? 1 : 0));
        out.writeVarInt(size);
        for (int i = 0; i < names.length; i++) {
            out.writeString(names[i]);
            out.writeString(typeNames[i]);
            int position = positions[i];
            int r = 0;
            try {
                if (nullWidths[i] < 0) {
                    ColumnEncoder encoder = encoders[i];
                    for (; r < size; r++) {
                        encoder.write(out, rows.get(r)[position]);
                    }
                } else {
                    for (int n = 0; n < size; n++) {
                        out.writeByte(ColumnEncoders.isNull(rows.get(n)[position]) ? 1 : 0);
                    }
                    ColumnEncoder encoder = values[i];
                    int width = nullWidths[i];
                    for (; r < size; r++) {
                        Object value = rows.get(r)[position];
                        if (ColumnEncoders.isNull(value)) {
                            out.writeZeros(width);
                        } else {
                            encoder.write(out, value);
                        }
                    }
                }
            } catch (RefusedValue e) {
                out.truncate(mark);
                throw new ConnectorException(Kind.DATA, table.id() + ": column " + names[i] + ": " + e.getMessage()
                        + " (row " + (r + 1) + " of " + size + ")");
            }
        }
        if (versioned) {
            out.writeString(TableInfo.VERSION);
            out.writeString(table.columns().get(TableInfo.VERSION).toString());
            for (int r = 0; r < size; r++) {
                out.writeLong(version.applyAsLong(r));
            }
        }
        if (tombstones) {
            out.writeString(TableInfo.DELETED);
            out.writeString(table.columns().get(TableInfo.DELETED).toString());
            for (int r = 0; r < size; r++) {
                out.writeByte(deleted);
            }
        }
    }
}
