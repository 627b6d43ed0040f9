package io.arus.connector.mysql;

import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.TableMapEventMetadata;
import com.github.shyiko.mysql.binlog.event.deserialization.ColumnType;
import io.arus.api.connector.ConnectorException;
import io.arus.api.connector.ConnectorException.Kind;
import java.util.Arrays;
import java.util.List;

/**
 * How the columns of a table-map event (names from {@code binlog_row_metadata=FULL}) land in the reader's columns.
 * A column the reader does not know and the table has now, or one whose type no longer converts to the reader's
 * type, stops the stream with a SCHEMA error naming it, so that the engine plans the stream again on the columns the
 * table has now. A column the table no longer has (an event written before it was dropped, read again after a
 * restart) is left out. A reader column the event lacks (dropped since, or added after the event was written) reads
 * as null, unless it is part of the key.
 */
final class TableColumns {
    /** For each column of the event, the reader's column index. */
    final int[] targets;
    /** For each column of the event, its binlog type (CHAR, ENUM and SET unpacked). */
    final ColumnType[] types;

    private TableColumns(int[] targets, ColumnType[] types) {
        this.targets = targets;
        this.types = types;
    }

    /**
     * @param table    the reader's table
     * @param map      a table map of it
     * @param existing answers whether the table has a column of that name now (asks the catalog)
     */
    static TableColumns of(CaptureTable table, TableMapEventData map, ColumnCheck existing)
            throws ConnectorException {
        TableMapEventMetadata metadata = map.getEventMetadata();
        List<String> names = metadata == null ? null : metadata.getColumnNames();
        if (names == null || names.size() != map.getColumnTypes().length) {
            throw new ConnectorException(Kind.CONFIGURATION, "the binlog's table map of " + table.id()
                    + " carries no column names; " + BinlogRequirements.message(List.of("binlog_row_metadata = FULL")));
        }
        int[] targets = new int[names.size()];
        ColumnType[] types = new ColumnType[names.size()];
        boolean[] present = new boolean[table.columns().size()];
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            int target = table.indexOf(name);
            if (target < 0) {
                if (!existing.exists(name)) {
                    targets[i] = -1;
                    types[i] = ColumnType.byCode(map.getColumnTypes()[i] & 0xFF);
                    continue;
                }
                throw new ConnectorException(Kind.SCHEMA, table.id() + " has a new column " + name
                        + " (the binlog's table map has it, this stream was planned without it)");
            }
            int meta = map.getColumnMetadata()[i];
            ColumnType type = unpack(map.getColumnTypes()[i] & 0xFF, meta);
            String problem = BinlogValues.incompatibility(table.columns().get(target), type, meta);
            if (problem != null) {
                throw new ConnectorException(Kind.SCHEMA, table.id() + ": column " + name + " changed type: "
                        + problem);
            }
            targets[i] = target;
            types[i] = type;
            present[target] = true;
        }
        for (int key : table.primaryKey()) {
            if (!present[key]) {
                throw new ConnectorException(Kind.SCHEMA, table.id() + ": key column "
                        + table.columns().get(key).name() + " is missing from the binlog's table map");
            }
        }
        return new TableColumns(targets, types);
    }

    /** CHAR, ENUM and SET share the type STRING in a table map, their real type in the metadata's high byte. */
    static ColumnType unpack(int code, int meta) {
        if (code == ColumnType.STRING.getCode() && meta >= 256) {
            int real = meta >> 8;
            if ((real & 0x30) != 0x30) {
                return ColumnType.STRING; // a long CHAR: the high bits carry part of its length
            }
            if (real == ColumnType.ENUM.getCode() || real == ColumnType.SET.getCode()) {
                return ColumnType.byCode(real);
            }
        }
        ColumnType type = ColumnType.byCode(code);
        return type == null ? ColumnType.STRING : type;
    }

    /** Whether the captured table has a column now. */
    @FunctionalInterface
    interface ColumnCheck {
        /**
         * @param column a column name
         * @return whether the table has it now
         * @throws ConnectorException when the catalog cannot be read
         */
        boolean exists(String column) throws ConnectorException;
    }

    @Override
    public String toString() {
        return "TableColumns" + Arrays.toString(types);
    }
}
