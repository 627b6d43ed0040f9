package io.arus.connector.jdbc.internal;

import io.arus.api.type.Field;
import io.arus.api.type.LogicalType;
import io.arus.connector.jdbc.ColumnMapping;
import io.arus.connector.jdbc.ColumnReaders;
import io.arus.connector.jdbc.ConnectionSettings;
import io.arus.connector.jdbc.Dialect;
import io.arus.connector.jdbc.NativeType;
import io.arus.connector.jdbc.RowLoader;
import java.sql.Connection;
import java.util.List;
import javax.sql.DataSource;

/** A dialect for SQL-building tests: backtick quoting, a 30-character identifier limit, nothing that connects. */
final class StubDialect implements Dialect {
    private final boolean rowValues;

    StubDialect(boolean rowValues) {
        this.rowValues = rowValues;
    }

    @Override public String productName() { return "Stub"; }
    @Override public DataSource dataSource(ConnectionSettings settings) { throw new UnsupportedOperationException(); }
    @Override public String describeServer(Connection connection) { return "Stub"; }
    @Override public char quoteChar() { return '`'; }
    @Override public int maxIdentifierLength() { return 30; }
    @Override public String defaultNamespaceSql() { return ""; }
    @Override public String columnsSql(Connection connection, boolean oneTable) { return ""; }
    @Override public String primaryKeysSql(boolean oneTable) { return ""; }
    @Override public String rowEstimatesSql() { return ""; }
    @Override public ColumnMapping readMapping(NativeType type) {
        return new ColumnMapping(LogicalType.INT64, ColumnReaders.INT64);
    }
    @Override public String writeType(Field field, boolean keyColumn) { return "bigint"; }
    @Override public boolean indexesRowValueComparison() { return rowValues; }
    @Override public Object currentTime(Connection connection, LogicalType cursorType) { return null; }
    @Override public String createNamespaceSql(String namespace) { return ""; }
    @Override public RowLoader loader() { return null; }
    @Override public boolean transactionalDdl() { return true; }
    @Override public List<String> swapSql(String namespace, String table, String staging) { return List.of(); }
    @Override public String alterColumnTypeSql(String ns, String table, String column, String type, boolean nullable) {
        return "";
    }
}
