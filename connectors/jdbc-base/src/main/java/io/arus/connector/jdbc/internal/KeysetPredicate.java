package io.arus.connector.jdbc.internal;

import io.arus.connector.jdbc.Dialect;
import java.util.List;

/**
 * Builds "strictly after this key" predicates. Where the database uses an index for row-value comparisons the
 * predicate is {@code (a, b) > (?, ?)}; elsewhere (MySQL, MariaDB) it is expanded into
 * {@code a >= ? AND (a > ? OR (a = ? AND b > ?))}, whose first conjunct gives the optimizer a range on the index.
 */
final class KeysetPredicate {
    private KeysetPredicate() {
    }

    static String after(Dialect dialect, List<ColumnInfo> columns, Object[] values, SqlParams params) {
        if (columns.size() == 1) {
            add(dialect, columns, values, params, 0);
            return dialect.quote(columns.get(0).name()) + " > ?";
        }
        if (dialect.indexesRowValueComparison()) {
            StringBuilder left = new StringBuilder("(");
            StringBuilder right = new StringBuilder("(");
            for (int i = 0; i < columns.size(); i++) {
                left.append(i == 0 ? "" : ", ").append(dialect.quote(columns.get(i).name()));
                right.append(i == 0 ? "?" : ", ?");
                add(dialect, columns, values, params, i);
            }
            return left + ") > " + right + ")";
        }
        add(dialect, columns, values, params, 0);
        return dialect.quote(columns.get(0).name()) + " >= ? AND " + expanded(dialect, columns, values, params, 0);
    }

    private static String expanded(Dialect dialect, List<ColumnInfo> columns, Object[] values, SqlParams params, int i) {
        String column = dialect.quote(columns.get(i).name());
        add(dialect, columns, values, params, i);
        if (i == columns.size() - 1) {
            return column + " > ?";
        }
        String greater = "(" + column + " > ? OR (" + column + " = ? AND ";
        add(dialect, columns, values, params, i);
        return greater + expanded(dialect, columns, values, params, i + 1) + "))";
    }

    private static void add(Dialect dialect, List<ColumnInfo> columns, Object[] values, SqlParams params, int i) {
        params.add(values[i], dialect.binder(columns.get(i).mapping().type()));
    }
}
