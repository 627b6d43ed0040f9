package io.arus.connector.jdbc.internal;

import io.arus.api.connector.ConnectorException;
import io.arus.api.connector.ConnectorException.Kind;
import io.arus.api.connector.ReadRequest;
import io.arus.api.connector.SyncMode;
import io.arus.api.type.Field;
import io.arus.api.type.Schema;
import io.arus.connector.jdbc.Dialect;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a reader selects and how it orders: the requested columns (plus the key columns it needs for offsets), the
 * cursor, and the keyset columns (cursor then primary key for an incremental read, the primary key for a full one).
 */
final class ReadPlan {
    final Dialect dialect;
    final TableInfo table;
    final ReadRequest request;
    final Schema outputSchema;
    final List<ColumnInfo> selected;
    final int outputWidth;
    final ColumnInfo cursor;
    final List<ColumnInfo> primaryKey;
    /** Cursor first (incremental), then the primary key columns. */
    final List<ColumnInfo> keyset;
    /** Positions of {@link #keyset} columns among {@link #selected}. */
    final int[] keysetPositions;

    ReadPlan(Dialect dialect, TableInfo table, ReadRequest request) throws ConnectorException {
        this.dialect = dialect;
        this.table = table;
        this.request = request;
        List<String> names = request.columns().isEmpty()
                ? table.columns().stream().map(ColumnInfo::name).toList() : request.columns();
        List<ColumnInfo> columns = new ArrayList<>();
        List<Field> fields = new ArrayList<>();
        for (String name : names) {
            ColumnInfo column = require(name, "column");
            columns.add(column);
            fields.add(column.field());
        }
        this.outputSchema = Schema.of(fields);
        this.outputWidth = columns.size();
        boolean incremental = request.syncMode() == SyncMode.INCREMENTAL;
        if (request.syncMode() == SyncMode.CDC) {
            throw new ConnectorException(Kind.UNSUPPORTED, table.id() + ": change data capture is not supported");
        }
        this.cursor = incremental ? require(request.cursorField(), "cursor column") : null;
        List<String> keyNames = request.primaryKey().isEmpty() ? table.primaryKey() : request.primaryKey();
        List<ColumnInfo> key = new ArrayList<>();
        for (String name : keyNames) {
            key.add(require(name, "primary key column"));
        }
        this.primaryKey = List.copyOf(key);
        List<ColumnInfo> order = new ArrayList<>();
        if (cursor != null) {
            order.add(cursor);
        }
        for (ColumnInfo column : primaryKey) {
            if (!order.contains(column)) {
                order.add(column);
            }
        }
        this.keyset = List.copyOf(order);
        this.keysetPositions = new int[keyset.size()];
        for (int i = 0; i < keyset.size(); i++) {
            int position = columns.indexOf(keyset.get(i));
            if (position < 0) {
                columns.add(keyset.get(i));
                position = columns.size() - 1;
            }
            keysetPositions[i] = position;
        }
        this.selected = List.copyOf(columns);
    }

    boolean incremental() {
        return cursor != null;
    }

    String qualifiedTable() {
        return dialect.qualify(table.id().namespace(), table.id().name());
    }

    String selectList() {
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < selected.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(dialect.quote(selected.get(i).name()));
        }
        return sql.toString();
    }

    String orderBy(List<ColumnInfo> columns) {
        StringBuilder sql = new StringBuilder(" ORDER BY ");
        for (int i = 0; i < columns.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(dialect.quote(columns.get(i).name()));
        }
        return sql.toString();
    }

    /** @return every selected column of the current row, in {@link #selected} order */
    Object[] readRow(ResultSet rows) throws SQLException {
        Object[] values = new Object[selected.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = selected.get(i).mapping().reader().read(rows, i + 1);
        }
        return values;
    }

    /** @return the requested columns of a row read by {@link #readRow} */
    Object[] output(Object[] row) {
        return row.length == outputWidth ? row : Arrays.copyOf(row, outputWidth);
    }

    private ColumnInfo require(String name, String what) throws ConnectorException {
        return table.column(name).orElseThrow(() -> new ConnectorException(Kind.CONFIGURATION,
                table.id() + " has no " + what + " " + name));
    }
}
