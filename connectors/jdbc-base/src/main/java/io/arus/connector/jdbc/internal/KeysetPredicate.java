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
            return dialect.quote(columns.get(0).name()) + " > " + add(dialect, columns, values, params, 0);
        }
        if (dialect.indexesRowValueComparison()) {
            StringBuilder left = new StringBuilder("(");
            StringBuilder right = new StringBuilder("(");
            for (int i = 0; i < columns.size(); i++) {
                left.append(i == 0 ? "" : ", ").append(dialect.quote(columns.get(i).name()));
                right.append(i == 0 ? "" : ", ").append(add(dialect, columns, values, params, i));
            }
            return left + ") > " + right + ")";
        }
        String first = dialect.quote(columns.get(0).name()) + " >= " + add(dialect, columns, values, params, 0);
        return first + " AND " + expanded(dialect, columns, values, params, 0);
    }

    private static String expanded(Dialect dialect, List<ColumnInfo> columns, Object[] values, SqlParams params, int i) {
        String column = dialect.quote(columns.get(i).name());
        if (i == columns.size() - 1) {
            return column + " > " + add(dialect, columns, values, params, i);
        }
        String greater = "(" + column + " > " + add(dialect, columns, values, params, i) + " OR (" + column + " = "
                + add(dialect, columns, values, params, i) + " AND ";
        return greater + expanded(dialect, columns, values, params, i + 1) + "))";
    }

    private static String add(Dialect dialect, List<ColumnInfo> columns, Object[] values, SqlParams params, int i) {
        ColumnInfo column = columns.get(i);
        return params.add(values[i], dialect.binder(column.mapping().type()), column.type());
    }
}
