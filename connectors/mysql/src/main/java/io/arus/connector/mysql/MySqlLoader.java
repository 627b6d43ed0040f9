package io.arus.connector.mysql;

import io.arus.api.record.Changes;
import io.arus.connector.jdbc.Dialect;
import io.arus.connector.jdbc.MultiRowInsertLoader;
import java.util.ArrayList;
import java.util.List;

/**
 * Multi-row INSERT, merging by key with {@code ON DUPLICATE KEY UPDATE c = VALUES(c)}: the VALUES() form works on
 * MariaDB and on MySQL (where 8.0.20+ merely deprecates it; MariaDB lacks the row-alias form that replaces it).
 * <p>
 * Change-capture rows carry their log position ({@link Changes#POSITION}): then a row already stored at a later
 * position keeps its values, so that an older change re-delivered after a crash never overwrites a newer one.
 */
final class MySqlLoader extends MultiRowInsertLoader {
    /** Rows per statement: measured on MariaDB 10.11, larger chunks gain nothing and cost memory. */
    static final int ROWS_PER_STATEMENT = 1000;

    private final Dialect dialect;

    MySqlLoader(Dialect dialect) {
        super(dialect, ROWS_PER_STATEMENT);
        this.dialect = dialect;
    }

    @Override
    protected String mergeClause(List<String> columns, List<String> primaryKey) {
        String position = dialect.quote(Changes.POSITION);
        boolean guarded = columns.contains(position);
        // a row stored without a position (NULL) takes the change
        String newer = "IFNULL(" + position + " <= VALUES(" + position + "), TRUE)";
        List<String> updates = new ArrayList<>();
        for (String column : columns) {
            if (!primaryKey.contains(column) && !column.equals(position)) {
                updates.add(column + " = " + (guarded
                        ? "IF(" + newer + ", VALUES(" + column + "), " + column + ")"
                        : "VALUES(" + column + ")"));
            }
        }
        if (guarded) {
            // last: MySQL and MariaDB assign left to right, and the guards above must compare with the old position
            updates.add(position + " = IF(" + newer + ", VALUES(" + position + "), " + position + ")");
        }
        if (updates.isEmpty()) {
            // every column is key: a duplicate changes nothing, but must not fail either
            updates.add(primaryKey.get(0) + " = " + primaryKey.get(0));
        }
        return "ON DUPLICATE KEY UPDATE " + String.join(", ", updates);
    }
}
