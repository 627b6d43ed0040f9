package io.arus.connector.jdbc;

import io.arus.api.type.Schema;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads rows with multi-row {@code INSERT ... VALUES (...), (...), ...} statements of many rows each (one round trip
 * per chunk, never per row), merging by key through the clause a dialect appends. For databases without a faster
 * native bulk path.
 */
public abstract class MultiRowInsertLoader implements RowLoader {
    /** Most drivers and servers cap a statement at 65,535 parameters. */
    private static final int MAX_PARAMETERS = 65_535;

    private final Dialect dialect;
    private final int maxRows;

    /**
     * @param dialect the dialect that quotes and binds
     * @param maxRows the most rows one statement carries
     */
    protected MultiRowInsertLoader(Dialect dialect, int maxRows) {
        this.dialect = dialect;
        this.maxRows = maxRows;
    }

    /**
     * @param columns    the quoted columns being inserted
     * @param primaryKey the quoted key columns
     * @return the clause after VALUES that turns the insert into a merge by key, e.g. {@code ON DUPLICATE KEY UPDATE}
     */
    protected abstract String mergeClause(List<String> columns, List<String> primaryKey);

    @Override
    public void load(Connection connection, LoadTarget target, List<Object[]> rows) throws SQLException {
        Schema schema = target.schema();
        int width = schema.size();
        int perStatement = Math.max(1, Math.min(maxRows, MAX_PARAMETERS / Math.max(1, width)));
        ValueBinder[] binders = new ValueBinder[width];
        List<String> columns = new ArrayList<>(width);
        for (int i = 0; i < width; i++) {
            binders[i] = dialect.binder(schema.field(i).type());
            columns.add(dialect.quote(schema.field(i).name()));
        }
        List<String> key = target.primaryKey().stream().map(dialect::quote).toList();
        String prefix = "INSERT INTO " + dialect.qualify(target.namespace(), target.table()) + " ("
                + String.join(", ", columns) + ") VALUES ";
        String suffix = target.merge() ? " " + mergeClause(columns, key) : "";
        String tuple = "(" + "?, ".repeat(width - 1) + "?)";
        String fullSql = null;
        PreparedStatement full = null;
        try {
            for (int from = 0; from < rows.size(); from += perStatement) {
                int count = Math.min(perStatement, rows.size() - from);
                PreparedStatement statement;
                if (count == perStatement) {
                    if (full == null) {
                        fullSql = prefix + values(tuple, count) + suffix;
                        full = connection.prepareStatement(fullSql);
                    }
                    statement = full;
                } else {
                    statement = connection.prepareStatement(prefix + values(tuple, count) + suffix);
                }
                try {
                    int index = 1;
                    for (int r = from; r < from + count; r++) {
                        Object[] row = rows.get(r);
                        for (int c = 0; c < width; c++) {
                            binders[c].bind(statement, index++, row[c]);
                        }
                    }
                    statement.executeUpdate();
                } finally {
                    if (statement != full) {
                        statement.close();
                    }
                }
            }
        } finally {
            if (full != null) {
                full.close();
            }
        }
    }

    private static String values(String tuple, int count) {
        StringBuilder sql = new StringBuilder(count * (tuple.length() + 2));
        for (int i = 0; i < count; i++) {
            sql.append(i == 0 ? "" : ", ").append(tuple);
        }
        return sql.toString();
    }
}
